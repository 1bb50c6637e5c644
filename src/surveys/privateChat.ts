import { and, desc, eq, ne } from "drizzle-orm";
import type { Tx } from "../store/database.ts";
import { conversations } from "../store/schema.ts";

type ConversationRow = typeof conversations.$inferSelect;

/**
 * Where Parley may write to the person of a case privately on its own initiative: the case's own chat when it is
 * private, otherwise the private chat the same person already has with the same channel (they wrote there, so
 * the platform lets the brand answer). Never the once-only private reply to a comment: that is the agent's.
 */
export async function privateChatOf(
  tx: Tx,
  conversation: ConversationRow,
): Promise<Pick<ConversationRow, "id" | "lastInboundAt" | "status" | "unsubscribedAt"> | null> {
  if (conversation.visibility === "private") return conversation;
  const [chat] = await tx
    .select({
      id: conversations.id,
      lastInboundAt: conversations.lastInboundAt,
      status: conversations.status,
      unsubscribedAt: conversations.unsubscribedAt,
    })
    .from(conversations)
    .where(
      and(
        eq(conversations.channelId, conversation.channelId),
        eq(conversations.contactId, conversation.contactId),
        eq(conversations.visibility, "private"),
        ne(conversations.id, conversation.id),
      ),
    )
    .orderBy(desc(conversations.lastInboundAt))
    .limit(1);
  return chat ?? null;
}
