import { and, asc, eq } from "drizzle-orm";
import { openDatabase } from "../../src/store/database.ts";
import { conversations, messages, users } from "../../src/store/schema.ts";

/** The text of the first seeded message, the one a reader scrolls back to. */
export const FIRST_SEEDED_TEXT = "The very first message of this long thread";

const LINES = [
  "Where is my order?",
  "Thank you, we are checking it with the courier.",
  "It was supposed to arrive on Monday.\nThe tracking page still says 'in transit'.",
  "Could you send me the order number, please?",
  "Sure, it is NM-482913. I paid by card and got a confirmation e-mail, but nothing since then, and I have been waiting at home for two days now.",
];

/**
 * Puts `count` messages into an existing conversation of a stopped Parley, older than everything already in
 * it: the customer and an agent taking turns, one minute apart. Written straight into the database (a
 * webhook per message would take minutes through the embedded worker), in Parley's own schema, with the
 * listening and search marks the worker would have set, so it has no backlog to chew on when it starts.
 */
export async function seedLongThread(dataDir: string, conversationId: string, count: number): Promise<void> {
  const database = await openDatabase({ dataDir });
  try {
    const { db } = database;
    const [conversation] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
    if (!conversation) throw new Error(`no conversation ${conversationId}`);
    const [customerMessage] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, "in")))
      .orderBy(asc(messages.sentAt))
      .limit(1);
    if (!customerMessage) throw new Error("the conversation has no customer message to copy the author from");
    const [agent] = await db
      .select()
      .from(users)
      .where(eq(users.workspaceId, conversation.workspaceId))
      .limit(1);
    const start = customerMessage.sentAt.getTime() - (count + 1) * 60_000;
    const rows: (typeof messages.$inferInsert)[] = [];
    for (let i = 0; i < count; i++) {
      const fromAgent = i % 3 === 2;
      const sentAt = new Date(start + i * 60_000);
      rows.push({
        workspaceId: conversation.workspaceId,
        conversationId,
        channelId: customerMessage.channelId,
        direction: fromAgent ? "out" : "in",
        externalId: `seeded-${i}`,
        visibility: "private",
        authorIdentityId: fromAgent ? null : customerMessage.authorIdentityId,
        authorUserId: fromAgent ? (agent?.id ?? null) : null,
        text: i === 0 ? FIRST_SEEDED_TEXT : `#${i + 1} ${LINES[i % LINES.length]}`,
        deliveryStatus: fromAgent ? "delivered" : "received",
        sentAt,
        listenedAt: fromAgent ? null : sentAt,
        createdAt: sentAt,
      });
    }
    for (let at = 0; at < rows.length; at += 500) await db.insert(messages).values(rows.slice(at, at + 500));
  } finally {
    await database.close();
  }
}
