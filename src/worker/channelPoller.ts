import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { recordChannelRefusalNow, recordChannelSuccess } from "../channelHealth/channelHealthRecorder.ts";
import { channelHold } from "../channelHealth/channelHold.ts";
import type { ChannelAdapter } from "../channels/channelAdapter.ts";
import { adapterFor } from "../channels/registry.ts";
import {
  type ChannelHealthPolicy,
  concernsChannel,
  DEFAULT_CHANNEL_HEALTH_POLICY,
} from "../domain/channelHealth.ts";
import { PlatformRefusal } from "../domain/deliveryError.ts";
import { storeRawEvents } from "../ingest/webhookReceiver.ts";
import { channelContext } from "../store/channelStore.ts";
import type { Db } from "../store/database.ts";
import { channels } from "../store/schema.ts";
import type { SecretBox } from "../store/secretBox.ts";
import { abortableSleep, LeasedLoops } from "./leasedLoops.ts";

const LEASE_SECONDS = 60;

/** The adapter decides from the settings where it can (X polls mentions, DMs or both); else `mode: "polling"`. */
function pollingWanted(adapter: ChannelAdapter, settings: Record<string, unknown>): boolean {
  if (!adapter.poll) return false;
  return adapter.pollingWanted ? adapter.pollingWanted(settings) : settings.mode === "polling";
}
const RESCAN_MS = 5_000;

export interface PollerLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * Keeps one long-poll loop per polling channel (Telegram getUpdates) in this process, holding a lease on the
 * channel row so that of several worker processes exactly one polls each channel.
 */
export class ChannelPollers {
  readonly #owner = `poller-${randomUUID()}`;
  readonly #loops: LeasedLoops;
  readonly #db: Db;
  readonly #box: SecretBox;
  readonly #log: PollerLog;
  readonly #health: ChannelHealthPolicy;

  constructor(
    db: Db,
    box: SecretBox,
    log: PollerLog,
    health = DEFAULT_CHANNEL_HEALTH_POLICY,
    /** How often channels are looked at for one to start polling (a new mailbox, a lease freed); tests shorten it. */
    rescanMs = RESCAN_MS,
  ) {
    this.#db = db;
    this.#box = box;
    this.#log = log;
    this.#health = health;
    this.#loops = new LeasedLoops({
      name: "poller",
      rescanMs,
      log,
      wanted: async () => {
        const rows = await this.#db.select().from(channels).where(eq(channels.status, "active"));
        return rows
          .filter((row) => {
            const adapter = adapterFor(row.platform);
            return adapter !== undefined && pollingWanted(adapter, row.settings);
          })
          .map((row) => ({ key: row.id, channelId: row.id }));
      },
      acquire: (loop) => this.#acquire(loop.channelId),
      run: (loop, signal) => this.#pollLoop(loop.channelId, signal),
      releaseAll: async () => {
        await this.#db.execute(
          sql`UPDATE channels SET poll_lease_owner = NULL, poll_lease_until = NULL WHERE poll_lease_owner = ${this.#owner}`,
        );
      },
    });
  }

  start(): void {
    this.#loops.start();
  }

  stop(): Promise<void> {
    return this.#loops.stop();
  }

  async #acquire(channelId: string): Promise<boolean> {
    const result = (await this.#db.execute(sql`
      UPDATE channels SET poll_lease_owner = ${this.#owner}, poll_lease_until = now() + make_interval(secs => ${LEASE_SECONDS})
      WHERE id = ${channelId}
        AND (poll_lease_owner IS NULL OR poll_lease_owner = ${this.#owner} OR poll_lease_until < now())
      RETURNING id`)) as unknown as { rows: unknown[] };
    return result.rows.length > 0;
  }

  async #pollLoop(channelId: string, signal: AbortSignal): Promise<void> {
    while (!signal.aborted && !this.#loops.stopped) {
      const [row] = await this.#db.select().from(channels).where(eq(channels.id, channelId));
      const adapter = row ? adapterFor(row.platform) : undefined;
      if (!row || !adapter?.poll || row.status !== "active" || !pollingWanted(adapter, row.settings)) return;
      if (!(await this.#acquire(channelId))) return;
      const hold = channelHold(row);
      if (hold) {
        // The platform asked the channel to wait: no poll goes out before the time is up.
        await this.#waitUntil(hold.until, signal);
        continue;
      }
      try {
        const result = await adapter.poll(
          channelContext(row, adapter, this.#box, this.#db),
          row.pollCursor,
          signal,
        );
        await storeRawEvents(this.#db, row, result.events, result.nextCursor);
        await recordChannelSuccess(this.#db, channelId);
      } catch (err) {
        if (signal.aborted) return;
        if (err instanceof PlatformRefusal && concernsChannel(err.refusal)) {
          // A database hiccup here must not end the loop: without the record it waits the usual 5 s.
          const recorded = await recordChannelRefusalNow(
            this.#db,
            channelId,
            err.refusal,
            this.#health,
          ).catch((recordErr: unknown) => {
            this.#log.warn({ channelId, err: String(recordErr) }, "could not record the refusal");
            return undefined;
          });
          const after = recorded?.hold;
          this.#log.warn({ channelId, status: err.refusal.status, until: after?.until }, "polling refused");
          if (after) continue;
        } else this.#log.warn({ channelId, err: String(err) }, "polling failed; retrying in 5 s");
        await abortableSleep(5_000, signal);
      }
    }
  }

  /** Sleeps until `until` (at most half a lease, so the loop renews its lease meanwhile), or until stopped. */
  #waitUntil(until: Date | null, signal: AbortSignal): Promise<void> {
    const ms = until ? until.getTime() - Date.now() : RESCAN_MS;
    return abortableSleep(Math.min(Math.max(ms, 50), (LEASE_SECONDS * 1000) / 2), signal);
  }
}
