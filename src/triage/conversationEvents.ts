import { sql } from "drizzle-orm";
import { reportEventStatements } from "../analytics/reportEvents.ts";
import type { DbOrTx } from "../store/database.ts";
import { WORK_CHANNEL } from "../store/notify.ts";
import type { conversationEvents } from "../store/schema.ts";

export type ConversationEventType = (typeof conversationEvents.$inferInsert)["type"];

export interface ConversationEventInput {
  workspaceId: string;
  conversationId: string;
  type: ConversationEventType;
  details?: Record<string, unknown> | undefined;
  occurredAt?: Date | undefined;
}

let recorded = 0;

/**
 * How many events this process has recorded so far. Triage compares it before and after handling a conversation's
 * events: unchanged, nothing in this process raised a new one meanwhile, so there is nothing more to look for.
 */
export function recordedEventCount(): number {
  return recorded;
}

/**
 * Records what happened in the caller's transaction, so triage sees exactly the committed history: a rolled-back
 * reply never stops an SLA clock, and a crash between the change and its triage loses nothing.
 */
export async function recordConversationEvent(db: DbOrTx, event: ConversationEventInput): Promise<void> {
  recorded += 1;
  const step = {
    workspaceId: event.workspaceId,
    conversationId: event.conversationId,
    type: event.type,
    details: event.details ?? {},
    occurredAt: event.occurredAt ?? new Date(),
  };
  // One round trip: the event, the reports' own copy of the history with its stale mark, and the triage wake-up.
  await db.execute(sql`
    WITH recorded AS (
      INSERT INTO conversation_events (workspace_id, conversation_id, type, details, occurred_at)
      VALUES (${step.workspaceId}, ${step.conversationId}, ${step.type}, ${JSON.stringify(step.details)}::jsonb,
        ${step.occurredAt.toISOString()}::timestamptz)),
    ${reportEventStatements(step)}
    SELECT pg_notify(${WORK_CHANNEL}, 'triage')`);
}
