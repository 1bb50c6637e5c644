import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { recordChannelRefusalNow, recordChannelSuccess } from "../channelHealth/channelHealthRecorder.ts";
import { channelHold } from "../channelHealth/channelHold.ts";
import type { ChannelAdapter, ChannelStream, StreamEnd } from "../channels/channelAdapter.ts";
import { adapterFor } from "../channels/registry.ts";
import { type ChannelHealthPolicy, DEFAULT_CHANNEL_HEALTH_POLICY } from "../domain/channelHealth.ts";
import { PlatformRefusal } from "../domain/deliveryError.ts";
import { storeRawEvents } from "../ingest/webhookReceiver.ts";
import { streamTermsFor } from "../listening/streamTerms.ts";
import { type ChannelRow, channelContext } from "../store/channelStore.ts";
import type { Db } from "../store/database.ts";
import { channels } from "../store/schema.ts";
import type { SecretBox } from "../store/secretBox.ts";
import { abortableSleep, LeasedLoops } from "./leasedLoops.ts";

export interface StreamLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface StreamTimings {
  /** A lease not renewed for this long is free: its holder died. */
  leaseSeconds: number;
  rescanMs: number;
  /** Rules are checked against the topics this often while connected, and at every connect. */
  rulesEveryMs: number;
  keepAliveMs?: number | undefined;
}

const DEFAULT_TIMINGS: StreamTimings = { leaseSeconds: 30, rescanMs: 5_000, rulesEveryMs: 60_000 };
/** `last_data_at` is written at most this often: a busy stream must not write a row per line. */
const DATA_MARK_MS = 5_000;

/**
 * Keeps the platform streams (X's filtered stream) of active channels running, one connection per app across
 * every worker process: the `stream_leases` row named by the adapter's app key says who streams, its holder renews
 * it while connected, and another process takes it once it runs out. Events are stored before the next line is
 * read; a replayed line (backfill after a reconnect) is the same raw event and is stored once.
 */
export class ChannelStreams {
  readonly #owner = `stream-${randomUUID()}`;
  readonly #loops: LeasedLoops;
  readonly #db: Db;
  readonly #box: SecretBox;
  readonly #log: StreamLog;
  readonly #health: ChannelHealthPolicy;
  readonly #timings: StreamTimings;

  constructor(
    db: Db,
    box: SecretBox,
    log: StreamLog,
    health = DEFAULT_CHANNEL_HEALTH_POLICY,
    timings: Partial<StreamTimings> = {},
  ) {
    this.#db = db;
    this.#box = box;
    this.#log = log;
    this.#health = health;
    this.#timings = { ...DEFAULT_TIMINGS, ...timings };
    this.#loops = new LeasedLoops({
      name: "stream",
      rescanMs: this.#timings.rescanMs,
      log,
      // One loop per app (its key), whichever of the app's channels is seen first.
      wanted: async () => {
        const rows = await this.#db.select().from(channels).where(eq(channels.status, "active"));
        return rows.flatMap((row) => {
          const stream = adapterFor(row.platform)?.stream;
          if (!stream?.wanted(row.settings as never)) return [];
          const key = stream.appKey({ ...row.settings, ...this.#box.open(row.secretsEncrypted) } as never);
          return [{ key, channelId: row.id }];
        });
      },
      acquire: (loop) => this.#acquire(loop.key, loop.channelId),
      run: (loop, signal) => this.#streamLoop(loop.key, loop.channelId, signal),
      release: (loop) => this.#release(loop.key),
      releaseAll: async () => {
        await this.#db.execute(
          sql`UPDATE stream_leases SET owner = NULL, lease_until = NULL, state = 'stopped', updated_at = now() WHERE owner = ${this.#owner}`,
        );
      },
    });
  }

  get owner(): string {
    return this.#owner;
  }

  start(): void {
    this.#loops.start();
  }

  stop(): Promise<void> {
    return this.#loops.stop();
  }

  /** Takes or renews the app's lease; false while another live process holds it. */
  async #acquire(appKey: string, channelId: string): Promise<boolean> {
    const secs = this.#timings.leaseSeconds;
    const result = (await this.#db.execute(sql`
      INSERT INTO stream_leases (app_key, channel_id, owner, lease_until, state, updated_at)
      VALUES (${appKey}, ${channelId}, ${this.#owner}, now() + make_interval(secs => ${secs}), 'connecting', now())
      ON CONFLICT (app_key) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until,
        channel_id = excluded.channel_id, updated_at = now()
      WHERE stream_leases.owner IS NULL OR stream_leases.owner = ${this.#owner} OR stream_leases.lease_until < now()
      RETURNING app_key`)) as unknown as { rows: unknown[] };
    return result.rows.length > 0;
  }

  async #release(appKey: string): Promise<void> {
    await this.#db
      .execute(
        sql`UPDATE stream_leases SET owner = NULL, lease_until = NULL, updated_at = now() WHERE app_key = ${appKey} AND owner = ${this.#owner}`,
      )
      .catch(() => {});
  }

  async #mark(appKey: string, state: string, detail: string | null, extra = sql``): Promise<void> {
    await this.#db
      .execute(
        sql`UPDATE stream_leases SET state = ${state}, detail = ${detail}, updated_at = now() ${extra} WHERE app_key = ${appKey} AND owner = ${this.#owner}`,
      )
      .catch((err: unknown) =>
        this.#log.warn({ appKey, err: String(err) }, "could not record the stream state"),
      );
  }

  async #currentChannel(
    channelId: string,
  ): Promise<{ row: ChannelRow; adapter: ChannelAdapter; stream: ChannelStream<never> } | null> {
    const [row] = await this.#db.select().from(channels).where(eq(channels.id, channelId));
    const adapter = row ? adapterFor(row.platform) : undefined;
    const stream = adapter?.stream as ChannelStream<never> | undefined;
    if (!row || !adapter || !stream || row.status !== "active" || !stream.wanted(row.settings as never))
      return null;
    return { row, adapter, stream };
  }

  async #syncRules(loaded: {
    row: ChannelRow;
    adapter: ChannelAdapter;
    stream: ChannelStream<never>;
  }): Promise<void> {
    if (!loaded.stream.syncRules) return;
    const terms = await streamTermsFor(this.#db, loaded.row.workspaceId, loaded.row.platform);
    await loaded.stream.syncRules(
      channelContext(loaded.row, loaded.adapter, this.#box, this.#db) as never,
      terms,
    );
  }

  async #streamLoop(appKey: string, channelId: string, signal: AbortSignal): Promise<void> {
    let attempt = 0;
    while (!signal.aborted && !this.#loops.stopped) {
      const loaded = await this.#currentChannel(channelId);
      if (!loaded || channelHold(loaded.row)) return;
      if (!(await this.#acquire(appKey, channelId))) return;
      const { row, adapter, stream } = loaded;
      const context = channelContext(row, adapter, this.#box, this.#db);
      let end: StreamEnd;
      try {
        await this.#syncRules(loaded);
        end = await this.#connectOnce(appKey, row, stream, context, signal);
      } catch (err) {
        end =
          err instanceof PlatformRefusal
            ? { kind: "refused", error: err.refusal }
            : { kind: "network", detail: String(err) };
      }
      if (end.kind === "stopped" || signal.aborted) return;
      const detail = end.kind === "refused" ? (end.error.status ?? end.error.code) : end.kind;
      if (end.kind === "refused") {
        const recorded = await recordChannelRefusalNow(this.#db, channelId, end.error, this.#health).catch(
          () => undefined,
        );
        await this.#mark(appKey, "refused", detail, sql`, reconnects = reconnects + 1`);
        this.#log.warn({ channelId, status: detail }, "stream refused");
        // Paused (a usage cap, a revoked token): the stream ends here and the lease goes back.
        if (recorded?.verdict.kind === "pause") return;
      } else {
        await this.#mark(appKey, "reconnecting", detail, sql`, reconnects = reconnects + 1`);
        this.#log.info({ channelId, reason: end.kind }, "stream dropped; reconnecting");
      }
      const delay = stream.reconnectDelayMs(end, attempt);
      attempt += 1;
      await this.#sleepRenewing(appKey, channelId, delay, signal);
    }
  }

  async #connectOnce(
    appKey: string,
    row: ChannelRow,
    stream: ChannelStream<never>,
    context: ReturnType<typeof channelContext>,
    signal: AbortSignal,
  ): Promise<StreamEnd> {
    const connection = new AbortController();
    const abort = () => connection.abort();
    signal.addEventListener("abort", abort, { once: true });
    let lastMark = 0;
    // While connected the lease is renewed and the rules follow the topics; losing the lease ends the connection.
    const renew = setInterval(
      () => {
        void this.#acquire(appKey, row.id).then((held) => {
          if (!held) connection.abort();
        });
      },
      (this.#timings.leaseSeconds * 1000) / 3,
    );
    const rules = setInterval(() => {
      void this.#currentChannel(row.id)
        .then((loaded) => (loaded ? this.#syncRules(loaded) : connection.abort()))
        .catch((err: unknown) =>
          this.#log.warn({ channelId: row.id, err: String(err) }, "stream rules sync failed"),
        );
    }, this.#timings.rulesEveryMs);
    renew.unref();
    rules.unref();
    // Every connect asks for the backfill, the first too: posts made while no process streamed (a restart, a
    // takeover) are recovered, and the replays of what was already stored are the same raw events, stored once.
    const backfill = stream.backfillMinutes(row.settings as never);
    try {
      const end = await stream.readOnce(
        context as never,
        {
          store: async (events) => {
            await storeRawEvents(this.#db, row, events);
            if (Date.now() - lastMark > DATA_MARK_MS) {
              lastMark = Date.now();
              await this.#mark(appKey, "connected", null, sql`, last_data_at = now()`);
            }
          },
          connected: () => {
            void this.#mark(appKey, "connected", null, sql`, connected_at = now()`);
            void recordChannelSuccess(this.#db, row.id).catch(() => {});
          },
          notice: (errors) =>
            this.#log.warn({ channelId: row.id, errors: errors.slice(0, 3) }, "stream notice"),
        },
        {
          backfillMinutes: backfill || undefined,
          keepAliveMs: this.#timings.keepAliveMs,
          signal: connection.signal,
        },
      );
      return signal.aborted
        ? { kind: "stopped" }
        : end.kind === "stopped"
          ? { kind: "closed", detail: "lease lost" }
          : end;
    } finally {
      clearInterval(renew);
      clearInterval(rules);
      signal.removeEventListener("abort", abort);
    }
  }

  /** Waits before a reconnect, renewing the lease meanwhile so no other process grabs the app in between. */
  async #sleepRenewing(appKey: string, channelId: string, ms: number, signal: AbortSignal): Promise<void> {
    const step = (this.#timings.leaseSeconds * 1000) / 3;
    for (let left = ms; left > 0 && !signal.aborted; left -= step) {
      await abortableSleep(Math.min(step, left), signal);
      if (!(await this.#acquire(appKey, channelId))) return;
    }
  }
}
