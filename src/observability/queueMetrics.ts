import { sql } from "drizzle-orm";
import { Gauge, Registry } from "prom-client";
import type { Db } from "../store/database.ts";

export interface QueueState {
  rawEventsPending: number;
  /** Seconds since the oldest unprocessed inbound event was acknowledged; 0 when none waits. */
  ingestLagSeconds: number;
  triageEventsPending: number;
  outboxPending: number;
  outboxSending: number;
  outboxUncertain: number;
  /** Seconds since the oldest reply still waiting to go out was written; 0 when none waits. */
  outboxOldestAgeSeconds: number;
  /** How far the SLA sweep is behind: seconds since the oldest due, unannounced breach fell due. */
  slaSweepLagSeconds: number;
}

/** Every figure comes from a partial index, so a scrape stays cheap however large the tables grow. */
export async function readQueueState(db: Db): Promise<QueueState> {
  const result = (await db.execute(sql`
    SELECT
      (SELECT count(*) FROM raw_events WHERE status = 'pending') AS raw_pending,
      (SELECT coalesce(extract(epoch FROM now() - min(received_at)), 0)
         FROM raw_events WHERE status = 'pending') AS ingest_lag,
      (SELECT count(*) FROM conversation_events WHERE processed_at IS NULL) AS triage_pending,
      (SELECT count(*) FROM outbox WHERE status = 'pending') AS outbox_pending,
      (SELECT count(*) FROM outbox WHERE status = 'sending') AS outbox_sending,
      (SELECT count(*) FROM outbox WHERE status = 'uncertain') AS outbox_uncertain,
      (SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)
         FROM outbox WHERE status IN ('pending', 'sending')) AS outbox_age,
      (SELECT coalesce(extract(epoch FROM now() - min(due_at)), 0)
         FROM sla_clocks WHERE breached_at IS NULL AND due_at IS NOT NULL AND due_at <= now()
           AND phase = 'running') AS sla_lag`)) as unknown as { rows: Record<string, string | number>[] };
  const row = result.rows[0] ?? {};
  const num = (key: string) => Math.max(0, Number(row[key] ?? 0));
  return {
    rawEventsPending: num("raw_pending"),
    ingestLagSeconds: num("ingest_lag"),
    triageEventsPending: num("triage_pending"),
    outboxPending: num("outbox_pending"),
    outboxSending: num("outbox_sending"),
    outboxUncertain: num("outbox_uncertain"),
    outboxOldestAgeSeconds: num("outbox_age"),
    slaSweepLagSeconds: num("sla_lag"),
  };
}

const GAUGES: { name: string; help: string; read: (state: QueueState) => number }[] = [
  {
    name: "parley_raw_events_pending",
    help: "Inbound events stored but not yet processed",
    read: (s) => s.rawEventsPending,
  },
  {
    name: "parley_ingest_lag_seconds",
    help: "Age of the oldest inbound event still waiting to be processed",
    read: (s) => s.ingestLagSeconds,
  },
  {
    name: "parley_triage_events_pending",
    help: "Conversation events waiting for triage",
    read: (s) => s.triageEventsPending,
  },
  {
    name: "parley_outbox_pending",
    help: "Replies and actions waiting to be sent",
    read: (s) => s.outboxPending,
  },
  {
    name: "parley_outbox_sending",
    help: "Replies and actions being sent right now",
    read: (s) => s.outboxSending,
  },
  {
    name: "parley_outbox_uncertain",
    help: "Replies whose send may or may not have reached the platform, waiting for an agent",
    read: (s) => s.outboxUncertain,
  },
  {
    name: "parley_outbox_oldest_age_seconds",
    help: "Age of the oldest reply still waiting to go out",
    read: (s) => s.outboxOldestAgeSeconds,
  },
  {
    name: "parley_sla_sweep_lag_seconds",
    help: "How long the oldest due SLA breach has waited to be announced",
    read: (s) => s.slaSweepLagSeconds,
  },
];

/** Gauges of the shared queues, set from one database read just before each scrape is rendered. */
export class QueueGauges {
  readonly registry = new Registry();
  readonly #gauges = GAUGES.map((gauge) => ({
    read: gauge.read,
    gauge: new Gauge({ name: gauge.name, help: gauge.help, registers: [this.registry] }),
  }));

  async refresh(db: Db): Promise<void> {
    const state = await readQueueState(db);
    for (const { gauge, read } of this.#gauges) gauge.set(read(state));
  }
}
