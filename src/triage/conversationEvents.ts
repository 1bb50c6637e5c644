import { recordReportEvent } from "../analytics/reportEvents.ts";
import type { DbOrTx } from "../store/database.ts";
import { notifyWork } from "../store/notify.ts";
import { conversationEvents } from "../store/schema.ts";

export type ConversationEventType = (typeof conversationEvents.$inferInsert)["type"];

export interface ConversationEventInput {
  workspaceId: string;
  conversationId: string;
  type: ConversationEventType;
  details?: Record<string, unknown> | undefined;
  occurredAt?: Date | undefined;
}

/**
 * Records what happened in the caller's transaction, so triage sees exactly the committed history: a rolled-back
 * reply never stops an SLA clock, and a crash between the change and its triage loses nothing.
 */
export async function recordConversationEvent(db: DbOrTx, event: ConversationEventInput): Promise<void> {
  const row = {
    workspaceId: event.workspaceId,
    conversationId: event.conversationId,
    type: event.type,
    details: event.details ?? {},
    occurredAt: event.occurredAt ?? new Date(),
  };
  await db.insert(conversationEvents).values(row);
  // Reports keep their own copy of the history, written with the change itself.
  await recordReportEvent(db, row);
  await notifyWork(db, "triage");
}
