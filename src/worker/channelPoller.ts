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
  readonly #active = new Map<string, AbortController>();
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;
  readonly #db: Db;
  readonly #box: SecretBox;
  readonly #log: PollerLog;

  readonly #health: ChannelHealthPolicy;
  /** How often channels are looked at for one to start polling (a new mailbox, a lease freed); tests shorten it. */
  readonly #rescanMs: number;

  constructor(
    db: Db,
    box: SecretBox,
    log: PollerLog,
    health = DEFAULT_CHANNEL_HEALTH_POLICY,
    rescanMs = RESCAN_MS,
  ) {
    this.#db = db;
    this.#box = box;
    this.#log = log;
    this.#health = health;
    this.#rescanMs = rescanMs;
  }

  start(): void {
    void this.#rescan();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    for (const controller of this.#active.values()) controller.abort();
    await this.#db
      .execute(
        sql`UPDATE channels SET poll_lease_owner = NULL, poll_lease_until = NULL WHERE poll_lease_owner = ${this.#owner}`,
      )
      .catch(() => {});
  }

  async #rescan(): Promise<void> {
    if (this.#stopped) return;
    try {
      const rows = await this.#db.select().from(channels).where(eq(channels.status, "active"));
      for (const row of rows) {
        const adapter = adapterFor(row.platform);
        const wantsPolling = adapter !== undefined && pollingWanted(adapter, row.settings);
        if (wantsPolling && !this.#active.has(row.id) && (await this.#acquire(row.id))) {
          const controller = new AbortController();
          this.#active.set(row.id, controller);
          void this.#pollLoop(row.id, controller.signal).finally(() => this.#active.delete(row.id));
        }
      }
    } catch (err) {
      this.#log.warn({ err: String(err) }, "poller rescan failed");
    }
    if (!this.#stopped) this.#timer = setTimeout(() => void this.#rescan(), this.#rescanMs).unref();
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
    while (!signal.aborted && !this.#stopped) {
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
        await this.#sleep(5_000, signal);
      }
    }
  }

  /** Sleeps until `until` (at most half a lease, so the loop renews its lease meanwhile), or until stopped. */
  #waitUntil(until: Date | null, signal: AbortSignal): Promise<void> {
    const ms = until ? until.getTime() - Date.now() : RESCAN_MS;
    return this.#sleep(Math.min(Math.max(ms, 50), (LEASE_SECONDS * 1000) / 2), signal);
  }

  #sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      signal.addEventListener("abort", done, { once: true });
      function done() {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
    });
  }
}
