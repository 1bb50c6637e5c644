import { and, desc, eq } from "drizzle-orm";
import type { BusinessHours } from "../domain/sla/businessHours.ts";
import { businessSecondsBetween } from "../domain/sla/businessTime.ts";
import type { DbOrTx } from "../store/database.ts";
import { categories, channels, contactIdentities, conversations, messages, teams } from "../store/schema.ts";
import type { RuleFacts } from "./automation/ruleEvaluator.ts";
import type { RuleEvent } from "./automation/ruleSchema.ts";
import { EVENTS_WITH_MESSAGE } from "./automation/ruleVocabulary.ts";

export interface RuleFactsOptions {
  /** The message the event is about; the latest customer message when not given. */
  messageId?: string | undefined;
  /** The instant business hours are judged at; now when not given. */
  now?: Date | undefined;
}

/** Open at `at` when the second starting there is a working second; a team without hours is always open. */
export function insideBusinessHours(hours: BusinessHours | null, at: Date): boolean {
  if (!hours || hours.alwaysOpen === true) return true;
  try {
    return businessSecondsBetween(hours, at, new Date(at.getTime() + 1000)) > 0;
  } catch {
    // Hours are validated on save; a row that still does not compile must not stop every rule.
    return true;
  }
}

/**
 * What automation conditions may test about a conversation, read in one query. Events that carry no customer
 * message get no message, so the facts mirror what the rule schema lets a condition ask.
 */
export async function loadRuleFacts(
  db: DbOrTx,
  conversationId: string,
  event: RuleEvent,
  options: RuleFactsOptions = {},
): Promise<RuleFacts | null> {
  const withMessage = EVENTS_WITH_MESSAGE.includes(event);
  const [row] = await db
    .select({
      conversation: conversations,
      platform: channels.platform,
      category: categories.key,
      businessHours: teams.businessHours,
    })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(categories, eq(categories.id, conversations.categoryId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .where(eq(conversations.id, conversationId));
  if (!row) return null;

  const [message] = await db
    .select({ text: messages.text, reach: contactIdentities.reach })
    .from(messages)
    .leftJoin(contactIdentities, eq(contactIdentities.id, messages.authorIdentityId))
    .where(
      and(
        eq(messages.conversationId, conversationId),
        options.messageId ? eq(messages.id, options.messageId) : eq(messages.direction, "in"),
      ),
    )
    .orderBy(desc(messages.sentAt), desc(messages.createdAt))
    .limit(1);

  const c = row.conversation;
  return {
    event,
    conversation: {
      id: c.id,
      category: row.category,
      priority: c.priority,
      status: c.status,
      channelId: c.channelId,
      platform: row.platform,
      visibility: c.visibility,
      language: c.language,
      sentiment: c.sentiment,
      labels: c.labels,
      teamId: c.teamId,
      assigneeId: c.assigneeId,
      reach: message?.reach ?? null,
      insideBusinessHours: insideBusinessHours(
        (row.businessHours as BusinessHours | null) ?? null,
        options.now ?? new Date(),
      ),
    },
    message: withMessage && message ? { text: message.text } : undefined,
  };
}
