import { eq, sql } from "drizzle-orm";
import type { ProbeResult } from "../channels/channelAdapter.ts";
import { adapterFor } from "../channels/registry.ts";
import { type ChannelHealthPolicy, pauseAfterFailedProbe } from "../domain/channelHealth.ts";
import { channelContext } from "../store/channelStore.ts";
import type { Db } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { channels } from "../store/schema.ts";
import type { SecretBox } from "../store/secretBox.ts";
import { recordChannelRefusal, refusalStatus, resumeChannel } from "./channelHealthRecorder.ts";

/** A probe owns its channel this long; another worker probes it again only if this one died meanwhile. */
const PROBE_LEASE_SECONDS = 60;
const BATCH = 10;

export interface ProberLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * Asks the platform, once each, about paused channels whose wait is over (the adapter's `probe`: one cheap
 * authenticated read). An answer resumes the channel and wakes its waiting replies; a refusal keeps it paused
 * for twice as long (at least the platform's own wait), and a revoked token turns it over to an admin.
 * Returns how many channels were probed.
 */
export async function probePausedChannels(
  db: Db,
  box: SecretBox,
  log: ProberLog,
  policy: ChannelHealthPolicy,
): Promise<number> {
  // Claiming moves paused_until ahead: the lease that keeps other workers from probing the same channel.
  const claimed = (await db.execute(sql`
    UPDATE channels SET paused_until = now() + make_interval(secs => ${PROBE_LEASE_SECONDS})
    WHERE id IN (
      SELECT id FROM channels WHERE status = 'paused' AND paused_until <= now()
      ORDER BY paused_until LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED)
    RETURNING id`)) as unknown as { rows: { id: string }[] };
  for (const { id } of claimed.rows) {
    try {
      await probeOne(db, box, id, log, policy);
    } catch (err) {
      // The lease runs out and another pass probes it again.
      log.warn({ channelId: id, err: String(err) }, "channel probe failed");
    }
  }
  return claimed.rows.length;
}

async function probeOne(
  db: Db,
  box: SecretBox,
  channelId: string,
  log: ProberLog,
  policy: ChannelHealthPolicy,
): Promise<void> {
  const [row] = await db.select().from(channels).where(eq(channels.id, channelId));
  const adapter = row ? adapterFor(row.platform) : undefined;
  if (!row || !adapter) return;
  const result: ProbeResult = adapter.probe
    ? await adapter.probe(channelContext(row, adapter, box, db))
    : { ok: true };
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(channels).where(eq(channels.id, channelId)).for("update");
    // An admin resumed or re-authorised it meanwhile: their word stands.
    if (current?.status !== "paused") return;
    if (result.ok) {
      await resumeChannel(tx, current, { probe: true });
      log.info({ channelId }, "channel resumed after a probe");
      return;
    }
    if (result.error.needsReauth) {
      await recordChannelRefusal(tx, channelId, result.error, policy);
      return;
    }
    const failedProbes = current.failedProbes + 1;
    const wait = pauseAfterFailedProbe(failedProbes, policy, result.error.retryAfterSeconds);
    await tx
      .update(channels)
      .set({
        failedProbes,
        pausedUntil: sql`now() + make_interval(secs => ${wait})`,
        lastErrorStatus: refusalStatus(result.error),
        lastErrorAt: sql`now()`,
      })
      .where(eq(channels.id, channelId));
    await notifyChange(tx, { workspaceId: current.workspaceId, type: "channel.updated", channelId });
    log.warn({ channelId, status: refusalStatus(result.error), wait }, "channel still refused; stays paused");
  });
}
