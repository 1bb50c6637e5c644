import { sql } from "drizzle-orm";
import { REPORT_COPY_COLUMNS, REPORT_STEP_STATEMENTS, reportCopyOf } from "../analytics/reportEvents.ts";
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
export function recordConversationEvent(db: DbOrTx, event: ConversationEventInput): Promise<void> {
  return recordConversationEvents(db, [event]);
}

/**
 * Records several steps in one statement (an ingest batch's messages), with ids in the order given: triage takes a
 * conversation's events by id.
 */
export async function recordConversationEvents(
  db: DbOrTx,
  events: readonly ConversationEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  recorded += events.length;
  const steps = events.map((event, ord) => {
    const step = { ...event, details: event.details ?? {}, occurredAt: event.occurredAt ?? new Date() };
    return {
      ord,
      workspace_id: step.workspaceId,
      conversation_id: step.conversationId,
      type: step.type,
      details: step.details,
      occurred_at: step.occurredAt.toISOString(),
      ...reportCopyOf(step),
    };
  });
  // One round trip: the events, the reports' own copy of the history with its stale marks, and the triage wake-up.
  // One parameter, so the text is the same for any number of steps and is prepared once.
  await db.execute(sql`
    WITH steps AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(steps)}::jsonb) AS s(ord int, workspace_id uuid,
        conversation_id uuid, type text, details jsonb, occurred_at timestamptz, ${REPORT_COPY_COLUMNS})),
    recorded AS (
      INSERT INTO conversation_events (workspace_id, conversation_id, type, details, occurred_at)
      SELECT workspace_id, conversation_id, type, details, occurred_at FROM steps ORDER BY ord),
    ${REPORT_STEP_STATEMENTS}
    SELECT pg_notify(${WORK_CHANNEL}, 'triage')`);
}
