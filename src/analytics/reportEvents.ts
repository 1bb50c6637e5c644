import { sql } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";
import { reportActivity, reportEvents } from "../store/schema.ts";

const KEPT_TYPES = new Set(["conversation_created", "message_received", "agent_replied", "status_changed"]);

/**
 * Keeps the steps of a conversation's history that the KPIs need, in the transaction that recorded them, and
 * marks its report facts stale. conversation_events are deleted after 30 days; this copy is what rebuilds use.
 */
export async function recordReportEvent(
  db: DbOrTx,
  event: {
    workspaceId: string;
    conversationId: string;
    type: string;
    details: Record<string, unknown>;
    occurredAt: Date;
  },
): Promise<void> {
  if (KEPT_TYPES.has(event.type)) {
    const d = event.details;
    const userId = typeof d.userId === "string" ? d.userId : null;
    const automatedBy = typeof d.automatedBy === "string" ? d.automatedBy : null;
    await db.insert(reportEvents).values({
      workspaceId: event.workspaceId,
      conversationId: event.conversationId,
      type: event.type,
      at: event.occurredAt,
      userId,
      automatedBy,
      // Same rule as the SLA clocks: a person's reply, the bot's answer, or an answer from the platform's app.
      countsAsResponse:
        event.type === "agent_replied" &&
        (d.fromPlatformApp === true || userId !== null || automatedBy === "bot"),
      status: event.type === "status_changed" && typeof d.status === "string" ? d.status : null,
      reopened: d.reopened === true,
    });
  }
  await markReportStale(db, event.workspaceId, event.conversationId);
}

/** Asks the reports loop to recompute a conversation's facts (after its SLA clocks or attributes changed). */
export async function markReportStale(
  db: DbOrTx,
  workspaceId: string,
  conversationId: string,
): Promise<void> {
  await db.execute(sql`
    INSERT INTO report_stale (conversation_id, workspace_id) VALUES (${conversationId}, ${workspaceId})
    ON CONFLICT (conversation_id) DO UPDATE SET version = report_stale.version + 1, marked_at = now()`);
}

/**
 * One row per agent, conversation, minute and kind: heartbeats every 10 s cost one insert a minute, and a new
 * minute marks the facts stale so handle time follows.
 */
export async function recordAgentActivity(
  db: DbOrTx,
  activity: { workspaceId: string; conversationId: string; userId: string; kind: "view" | "work"; at?: Date },
): Promise<void> {
  const at = activity.at ?? new Date();
  const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
  const inserted = await db
    .insert(reportActivity)
    .values({
      workspaceId: activity.workspaceId,
      conversationId: activity.conversationId,
      userId: activity.userId,
      minute,
      kind: activity.kind,
    })
    .onConflictDoNothing()
    .returning({ minute: reportActivity.minute });
  if (inserted.length > 0) await markReportStale(db, activity.workspaceId, activity.conversationId);
}
