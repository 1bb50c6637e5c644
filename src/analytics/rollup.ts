import { sql } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";
import type { Contribution } from "./conversationFacts.ts";
import { BUCKET_EDGES, NO_BUCKET } from "./histogram.ts";
import { type ConversationDims, DIMENSIONS, type Metric } from "./metrics.ts";

export interface RollupRow {
  dim: string;
  metric: string;
  hour: number;
  value: string;
  count: number;
  sum: number;
  /** Counts per duration bucket; null for metrics that are not durations. */
  histogram: number[] | null;
}

/**
 * Stored form of a contribution in report_facts: [hour, metric, bucket, count, sum, agent?, team?]; an agent of
 * null stands for "no override" when only the team is overridden.
 */
export type StoredContribution = [number, string, number, number, number, (string | null)?, string?];

export function storeContributions(contributions: readonly Contribution[]): StoredContribution[] {
  return contributions.map((c) =>
    c.team !== undefined
      ? [c.hour, c.metric, c.bucket, c.count, c.sum, c.agent ?? null, c.team]
      : c.agent === undefined
        ? [c.hour, c.metric, c.bucket, c.count, c.sum]
        : [c.hour, c.metric, c.bucket, c.count, c.sum, c.agent],
  );
}

export function readContributions(stored: readonly unknown[]): Contribution[] {
  return (stored as StoredContribution[]).map(([hour, metric, bucket, count, sum, agent, team]) => ({
    hour,
    metric: metric as Metric,
    bucket,
    count,
    sum,
    ...(agent === undefined || agent === null ? {} : { agent }),
    ...(team === undefined ? {} : { team }),
  }));
}

/** The value a contribution adds to in one dimension: the conversation's, unless the figure names its own. */
function cutValueOf(dim: (typeof DIMENSIONS)[number], dims: ConversationDims, c: Contribution): string {
  if (dim === "all") return "";
  if (dim === "agent" && c.agent !== undefined) return c.agent;
  if (dim === "team" && c.team !== undefined) return c.team;
  return dims[dim];
}

/**
 * Adds sign × a conversation's contributions, once per dimension (the uncut total, then its channel, team…),
 * into `into`, keyed by the rollup's primary key. Retracting the old facts and adding the new ones in one map
 * leaves only what changed.
 */
export function addToRollup(
  into: Map<string, RollupRow>,
  dims: ConversationDims,
  contributions: readonly Contribution[],
  sign: 1 | -1,
): void {
  for (const c of contributions) {
    for (const dim of DIMENSIONS) {
      const value = cutValueOf(dim, dims, c);
      const key = `${dim}\u0000${c.metric}\u0000${c.hour}\u0000${value}`;
      let row = into.get(key);
      if (!row) {
        row = { dim, metric: c.metric, hour: c.hour, value, count: 0, sum: 0, histogram: null };
        into.set(key, row);
      }
      row.count += sign * c.count;
      row.sum += sign * c.sum;
      if (c.bucket !== NO_BUCKET) {
        row.histogram ??= new Array<number>(BUCKET_EDGES.length).fill(0);
        row.histogram[c.bucket] = (row.histogram[c.bucket] ?? 0) + sign * c.count;
      }
    }
  }
}

const CHUNK = 2_000;

/**
 * Adds the rows to report_hourly and drops rows that fall to zero, so the incremental path and a rebuild leave
 * identical tables. Sorted by key, so two workers updating overlapping hours lock rows in the same order.
 * Histograms add up element by element.
 */
export async function applyRollupDelta(
  db: DbOrTx,
  workspaceId: string,
  delta: Map<string, RollupRow>,
): Promise<void> {
  const rows = [...delta.entries()]
    .filter(([, r]) => r.count !== 0 || r.sum !== 0 || r.histogram?.some((n) => n !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + CHUNK));
    await db.execute(sql`
      INSERT INTO report_hourly AS h (workspace_id, dim, metric, hour, value, count, sum, histogram)
      SELECT ${workspaceId}::uuid, r.dim, r.metric, to_timestamp(r.hour), r.value, r.count, r.sum, r.histogram
      FROM jsonb_to_recordset(${json}::jsonb)
        AS r(dim text, metric text, hour bigint, value text, count bigint, sum bigint, histogram integer[])
      ON CONFLICT (workspace_id, dim, metric, hour, value)
      DO UPDATE SET count = h.count + excluded.count, sum = h.sum + excluded.sum,
        histogram = CASE WHEN h.histogram IS NULL THEN excluded.histogram
          WHEN excluded.histogram IS NULL THEN h.histogram
          ELSE (SELECT array_agg(coalesce(a, 0) + coalesce(b, 0) ORDER BY i)
                FROM unnest(h.histogram, excluded.histogram) WITH ORDINALITY AS u(a, b, i)) END`);
    await db.execute(sql`
      DELETE FROM report_hourly h USING jsonb_to_recordset(${json}::jsonb)
        AS r(dim text, metric text, hour bigint, value text)
      WHERE h.workspace_id = ${workspaceId}::uuid AND h.dim = r.dim AND h.metric = r.metric
        AND h.hour = to_timestamp(r.hour) AND h.value = r.value AND h.count = 0 AND h.sum = 0`);
  }
}
