import { and, desc, eq, isNull } from "drizzle-orm";
import type { Viewer } from "../domain/roles.ts";
import { findPersonalData } from "../playbook/checks/personalData.ts";
import type { DbOrTx } from "../store/database.ts";
import { categories, messages, triageSettings, users } from "../store/schema.ts";
import { getVisibleConversation } from "./conversationQueries.ts";

/** How many of the customer's latest messages are read for an order number: older ones are other business. */
const RECENT_INBOUND = 30;

/** What the composer's helpers know about the conversation an agent is answering. */
export interface DraftContext {
  conversation: Awaited<ReturnType<typeof getVisibleConversation>>;
  categoryKey: string | null;
  language: string | null;
  /** The customer's messages, newest first (deleted ones left out). */
  inboundTexts: string[];
}

/** Loads a conversation the viewer may see (404 otherwise) with its category key and the customer's words. */
export async function loadDraftContext(db: DbOrTx, viewer: Viewer, conversationId: string) {
  const conversation = await getVisibleConversation(db, viewer, conversationId);
  const c = conversation.conversation;
  const [category, inbound] = await Promise.all([
    c.categoryId
      ? db
          .select({ key: categories.key })
          .from(categories)
          .where(and(eq(categories.id, c.categoryId), eq(categories.workspaceId, viewer.workspaceId)))
          .then((rows) => rows[0])
      : undefined,
    db
      .select({ text: messages.text })
      .from(messages)
      .where(and(eq(messages.conversationId, c.id), eq(messages.direction, "in"), isNull(messages.deletedAt)))
      .orderBy(desc(messages.sentAt), desc(messages.createdAt))
      .limit(RECENT_INBOUND),
  ]);
  return {
    conversation,
    categoryKey: category?.key ?? null,
    language: c.language,
    inboundTexts: inbound.map((m) => m.text).filter((t) => t.trim().length > 0),
  } satisfies DraftContext;
}

/**
 * The values a canned reply's variables take in this conversation. A value nobody knows is left out, so the
 * renderer reports it missing and the agent fills it in rather than sending an empty gap.
 */
export async function cannedReplyValues(
  db: DbOrTx,
  viewer: Viewer,
  context: DraftContext,
): Promise<Record<string, string>> {
  const [[agent], [settings]] = await Promise.all([
    db.select({ name: users.name }).from(users).where(eq(users.id, viewer.userId)),
    db
      .select({ brandName: triageSettings.brandName })
      .from(triageSettings)
      .where(eq(triageSettings.workspaceId, viewer.workspaceId)),
  ]);
  const customerName = context.conversation.contact.displayName.trim();
  const values: Record<string, string> = {};
  const put = (name: string, value: string | null | undefined) => {
    if (value?.trim()) values[name] = value.trim();
  };
  // customer_first_name and agent_first_name are left to renderCannedReply, which takes them from the full names.
  put("customer_name", customerName);
  put("agent_name", agent?.name);
  put("channel_name", context.conversation.channel.name);
  put("brand_name", settings?.brandName);
  put("order_number", latestOrderNumber(context.inboundTexts));
  return values;
}

/**
 * The order number the customer mentioned most recently: when they correct a number, the newer one counts.
 * A finding may include its cue word ("заказ № 4581-2290"); only the number itself goes into the reply.
 */
function latestOrderNumber(inboundNewestFirst: readonly string[]): string | null {
  for (const text of inboundNewestFirst) {
    const order = findPersonalData(text).find((f) => f.kind === "order");
    const number = order?.excerpt.match(/(?:\p{Lu}{2,3}-)?\d(?:[\d-]*\d)?/u)?.[0];
    if (number) return number;
  }
  return null;
}
