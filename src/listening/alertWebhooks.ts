import { sql } from "drizzle-orm";
import { retryDelaySeconds } from "../domain/retryPolicy.ts";
import { postJsonWebhook } from "../notifications/webhookPost.ts";
import type { Db } from "../store/database.ts";

const MAX_ATTEMPTS = 8;
/** Owned by one worker while it posts; past this, another takes it (the receiver may see it twice). */
const LEASE_SECONDS = 60;

interface DueAlert {
  id: number;
  workspace_id: string;
  topic_id: string;
  topic_name: string;
  subject: string;
  kind: string;
  message: string;
  count: number;
  negative_count: number;
  baseline: string;
  window_start: string | Date;
  window_end: string | Date;
  webhook_attempts: number;
  url: string | null;
}

/**
 * Posts new alerts to the workspace's webhook. Runs in its own loop with retries and backoff, so a broken
 * receiver is reported on the alert and never holds up ingestion or listening.
 */
export async function deliverAlertWebhooks(db: Db): Promise<number> {
  const due = (await db.execute(sql`
    UPDATE listening_alerts a SET webhook_next_at = now() + make_interval(secs => ${LEASE_SECONDS}),
      webhook_attempts = a.webhook_attempts + 1
    FROM listening_topics t, listening_settings s
    WHERE a.id IN (
        SELECT id FROM listening_alerts
        WHERE webhook_status = 'pending' AND webhook_next_at <= now()
        ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED)
      AND t.id = a.topic_id AND s.workspace_id = a.workspace_id
    RETURNING a.id, a.workspace_id, a.topic_id, t.name AS topic_name, a.subject, a.kind, a.message, a.count,
      a.negative_count, a.baseline, a.window_start, a.window_end, a.webhook_attempts,
      s.alert_webhook_url AS url`)) as unknown as { rows: DueAlert[] };
  for (const alert of due.rows) {
    if (!alert.url) {
      await db.execute(sql`UPDATE listening_alerts SET webhook_status = 'none' WHERE id = ${alert.id}`);
      continue;
    }
    const result = await postJsonWebhook(
      alert.url,
      {
        type: "listening.spike",
        // bigserial ids come back as strings from node-postgres and as numbers from PGlite.
        alertId: Number(alert.id),
        topic: { id: alert.topic_id, name: alert.topic_name },
        subject: alert.subject || null,
        kind: alert.kind,
        message: alert.message,
        count: alert.count,
        negativeCount: alert.negative_count,
        expectedPerWindow: Number(alert.baseline),
        windowStart: new Date(alert.window_start).toISOString(),
        windowEnd: new Date(alert.window_end).toISOString(),
      },
      "Parley-Alerts/1",
    );
    if (result.ok) {
      await db.execute(
        sql`UPDATE listening_alerts SET webhook_status = 'delivered', webhook_error = NULL WHERE id = ${alert.id}`,
      );
      continue;
    }
    const error = result.error;
    if (alert.webhook_attempts >= MAX_ATTEMPTS) {
      await db.execute(
        sql`UPDATE listening_alerts SET webhook_status = 'failed', webhook_error = ${error} WHERE id = ${alert.id}`,
      );
    } else {
      const delay = retryDelaySeconds(alert.webhook_attempts, undefined, Math.random());
      await db.execute(sql`
        UPDATE listening_alerts SET webhook_error = ${error},
          webhook_next_at = now() + make_interval(secs => ${delay})
        WHERE id = ${alert.id}`);
    }
  }
  return due.rows.length;
}
