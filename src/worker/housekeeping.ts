import { sql } from "drizzle-orm";
import type { Db } from "../store/database.ts";

/** How long handled work items are kept for investigation before they are deleted. */
export const RETENTION_DAYS = { conversationEvents: 30, deliveredWebhooks: 30, readNotifications: 90 };

/**
 * Deletes what has served its purpose, so the work tables stay small on a busy workspace: triage events long
 * handled (the SLA history lives in sla_events, the actions in audit_log and automation_runs), delivered
 * webhook calls, read notifications and expired presence. In small batches, so no lock is held for long.
 */
export async function deleteExpiredWork(db: Db, batch = 5_000): Promise<number> {
  const statements = [
    sql`DELETE FROM conversation_events WHERE id IN (SELECT id FROM conversation_events
      WHERE processed_at < now() - make_interval(days => ${RETENTION_DAYS.conversationEvents}) LIMIT ${batch})`,
    sql`DELETE FROM outbound_webhooks WHERE id IN (SELECT id FROM outbound_webhooks WHERE status = 'delivered'
      AND delivered_at < now() - make_interval(days => ${RETENTION_DAYS.deliveredWebhooks}) LIMIT ${batch})`,
    sql`DELETE FROM notifications WHERE id IN (SELECT id FROM notifications
      WHERE read_at < now() - make_interval(days => ${RETENTION_DAYS.readNotifications}) LIMIT ${batch})`,
    sql`DELETE FROM conversation_presence WHERE expires_at < now() - interval '1 hour'`,
    // Sign-in failures are forgotten after a day at most; devices unused for their cookie's lifetime go too.
    sql`DELETE FROM sign_in_throttles WHERE id IN (SELECT id FROM sign_in_throttles
      WHERE last_failure_at < now() - interval '2 days'
        AND (blocked_until IS NULL OR blocked_until < now()) LIMIT ${batch})`,
    sql`DELETE FROM sign_in_devices WHERE token_hash IN (SELECT token_hash FROM sign_in_devices
      WHERE last_used_at < now() - interval '180 days' LIMIT ${batch})`,
  ];
  let deleted = 0;
  for (const statement of statements) {
    const result = (await db.execute(statement)) as unknown as { rowCount?: number; affectedRows?: number };
    deleted += result.rowCount ?? result.affectedRows ?? 0;
  }
  return deleted;
}
