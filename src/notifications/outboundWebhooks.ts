import { sql } from "drizzle-orm";
import { retryDelaySeconds } from "../domain/retryPolicy.ts";
import type { Db, DbOrTx } from "../store/database.ts";
import { notifyWork } from "../store/notify.ts";
import { outboundWebhooks } from "../store/schema.ts";
import { alertMail, type MailSender } from "./mailSender.ts";
import { notifyAdmins } from "./userNotifications.ts";
import { postJsonWebhook } from "./webhookPost.ts";

const MAX_ATTEMPTS = 8;
/** Owned by one worker while it posts; past this, another takes it (the receiver may see it twice). */
const LEASE_SECONDS = 60;

/** Queues a webhook call in the caller's transaction: it leaves only if what caused it commits. */
export async function queueWebhook(
  db: DbOrTx,
  input: { workspaceId: string; url: string; source: string; payload: Record<string, unknown> },
): Promise<void> {
  await db.insert(outboundWebhooks).values(input);
  // Alerts are worth seconds: wake the webhook loop on commit instead of waiting for its next poll.
  await notifyWork(db, "webhooks");
}

interface DueWebhook {
  id: number | string;
  workspace_id: string;
  url: string;
  source: string;
  payload: Record<string, unknown>;
  attempts: number;
}

export interface AlertTransport {
  /** Absent when no SMTP server is configured: e-mail alerts then fail visibly instead of vanishing. */
  mail?: MailSender | undefined;
  publicUrl: string;
}

/** A `mailto:` target is an e-mail alert; anything else is an HTTP webhook. */
async function deliverOne(
  call: DueWebhook,
  id: number,
  transport: AlertTransport,
): Promise<{ ok: true } | { ok: false; error: string }> {
  if (!call.url.startsWith("mailto:"))
    return postJsonWebhook(call.url, { ...call.payload, deliveryId: id }, "Parley-Webhooks/1");
  if (!transport.mail) return { ok: false, error: "No SMTP server is configured (PARLEY_SMTP_URL)" };
  try {
    await transport.mail.send(call.url.slice("mailto:".length), alertMail(call.payload, transport.publicUrl));
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Posts due webhook calls and sends alert e-mails with retries and backoff, in its own loop: a dead receiver
 * is retried and finally reported to the workspace's admins, and never holds up ingestion or triage.
 */
export async function deliverOutboundWebhooks(db: Db, transport: AlertTransport): Promise<number> {
  const due = (await db.execute(sql`
    UPDATE outbound_webhooks w SET next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS}),
      attempts = w.attempts + 1
    WHERE w.id IN (
      SELECT id FROM outbound_webhooks WHERE status = 'pending' AND next_attempt_at <= now()
      ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED)
    RETURNING w.id, w.workspace_id, w.url, w.source, w.payload, w.attempts`)) as unknown as {
    rows: DueWebhook[];
  };
  for (const call of due.rows) {
    const id = Number(call.id);
    const result = await deliverOne(call, id, transport);
    if (result.ok) {
      await db.execute(sql`
        UPDATE outbound_webhooks SET status = 'delivered', delivered_at = now(), last_error = NULL WHERE id = ${id}`);
      continue;
    }
    if (call.attempts >= MAX_ATTEMPTS) {
      await db.transaction(async (tx) => {
        await tx.execute(
          sql`UPDATE outbound_webhooks SET status = 'failed', last_error = ${result.error} WHERE id = ${id}`,
        );
        await notifyAdmins(tx, call.workspace_id, {
          kind: "webhook_failed",
          conversationId: null,
          data: { source: call.source, attempts: call.attempts },
          text: `A webhook (${call.source}) to ${call.url} failed ${call.attempts} times: ${result.error}`,
        });
      });
    } else {
      const delay = retryDelaySeconds(call.attempts, undefined, Math.random());
      await db.execute(sql`
        UPDATE outbound_webhooks SET last_error = ${result.error},
          next_attempt_at = now() + make_interval(secs => ${delay})
        WHERE id = ${id}`);
    }
  }
  return due.rows.length;
}
