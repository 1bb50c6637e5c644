import { sql } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";
import { reportActivity } from "../store/schema.ts";

const KEPT_TYPES = new Set(["conversation_created", "message_received", "agent_replied", "status_changed"]);

/** A step of a conversation's history, as the reports keep it. */
export interface HistoryStep {
  workspaceId: string;
  conversationId: string;
  type: string;
  details: Record<string, unknown>;
  occurredAt: Date;
}

/** What the reports keep of one step, beside the step itself in the recorder's `steps` rows. */
export interface ReportCopy {
  kept: boolean;
  user_id: string | null;
  automated_by: string | null;
  counts_as_response: boolean;
  status: string | null;
  reopened: boolean;
}

export function reportCopyOf(event: HistoryStep): ReportCopy {
  const d = event.details;
  const userId = typeof d.userId === "string" ? d.userId : null;
  const automatedBy = typeof d.automatedBy === "string" ? d.automatedBy : null;
  return {
    kept: KEPT_TYPES.has(event.type),
    user_id: userId,
    automated_by: automatedBy,
    // Same rule as the SLA clocks: a person's reply, the bot's answer, or an answer from the platform's app.
    counts_as_response:
      event.type === "agent_replied" &&
      (d.fromPlatformApp === true || userId !== null || automatedBy === "bot"),
    status: event.type === "status_changed" && typeof d.status === "string" ? d.status : null,
    reopened: d.reopened === true,
  };
}

/** The columns of ReportCopy in a `jsonb_to_recordset` column list, after the step's own. */
export const REPORT_COPY_COLUMNS = sql.raw(
  "kept boolean, user_id uuid, automated_by text, counts_as_response boolean, status text, reopened boolean",
);

/** Marks a conversation's facts stale again when it already waits: the reports loop then knows it changed since. */
const STALE_MARK_CONFLICT =
  "ON CONFLICT (conversation_id) DO UPDATE SET version = report_stale.version + 1, marked_at = now()";

/**
 * Keeps the steps of a conversation's history that the KPIs need, and marks their conversations' report facts
 * stale, in the transaction that recorded them; conversation_events are deleted after 30 days, and this copy is
 * what rebuilds use. Returned as the data-modifying parts of a WITH statement that reads the steps from a CTE named
 * `steps` (workspace_id, conversation_id, type, occurred_at, ord and REPORT_COPY_COLUMNS), so that the conversation
 * events recorder writes them in the same round trip as the events themselves.
 */
export const REPORT_STEP_STATEMENTS = sql.raw(`
    report_copy AS (
      INSERT INTO report_events (workspace_id, conversation_id, type, at, user_id, automated_by,
        counts_as_response, status, reopened)
      SELECT workspace_id, conversation_id, type, occurred_at, user_id, automated_by, counts_as_response, status,
        reopened
      FROM steps WHERE kept ORDER BY ord),
    -- Once per conversation: a second update of one row in the same statement is an error.
    stale_mark AS (
      INSERT INTO report_stale (conversation_id, workspace_id)
      SELECT DISTINCT conversation_id, workspace_id FROM steps
      ${STALE_MARK_CONFLICT})`);

/** Asks the reports loop to recompute a conversation's facts (after its SLA clocks or attributes changed). */
export function markReportStale(db: DbOrTx, workspaceId: string, conversationId: string): Promise<void> {
  return markReportsStale(db, [{ workspaceId, conversationId }]);
}

/** The same for several conversations (a triage run's), in one statement; a conversation named twice counts once. */
export async function markReportsStale(
  db: DbOrTx,
  marks: readonly { workspaceId: string; conversationId: string }[],
): Promise<void> {
  if (marks.length === 0) return;
  const rows = marks.map((m) => ({ workspace_id: m.workspaceId, conversation_id: m.conversationId }));
  await db.execute(sql`
    INSERT INTO report_stale (conversation_id, workspace_id)
    SELECT DISTINCT conversation_id, workspace_id
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS m(conversation_id uuid, workspace_id uuid)
    ${sql.raw(STALE_MARK_CONFLICT)}`);
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
