import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";
import { BUCKET_EDGES } from "./histogram.ts";
import { type Dimension, levelMetricOf } from "./metrics.ts";
import type { Aggregates, FigureSpec, MetricAggregate, ReportDefinition } from "./reportDefinition.ts";
import { comparisonOf, daysIn, type Granularity, granularityFor, type Span, spanOf } from "./reportPeriod.ts";

export interface ReportRequest {
  workspaceId: string;
  from: string;
  to: string;
  compare: "none" | "previous" | "previous_year";
  cut: Dimension;
  filter: string[];
  hours: "business" | "calendar";
  tz: string;
  granularity: "auto" | Granularity;
}

export type Figures = Record<string, number | null>;

export interface ReportRow {
  value: string;
  figures: Figures;
  compare: Figures | null;
}

export interface ReportResult {
  report: string;
  period: { from: string; to: string; start: string; end: string };
  compare: { from: string; to: string; start: string; end: string } | null;
  cut: Dimension;
  filter: string[];
  hours: "business" | "calendar";
  tz: string;
  granularity: Granularity;
  figures: readonly FigureSpec[];
  total: ReportRow;
  rows: ReportRow[];
  series: { slots: string[]; figures: Record<string, (number | null)[]> };
}

interface AggregateRow {
  key: string;
  metric: string;
  count: number | string;
  sum: number | string;
  [bucket: `b${number}`]: number | string | null;
}

/** The sums of a group of rows: count, sum and each histogram bucket (null for metrics without one). */
const SUMS = sql.raw(
  [
    "sum(count) AS count",
    "sum(sum) AS sum",
    ...BUCKET_EDGES.map((_, i) => `sum(histogram[${i + 1}]) AS b${i}`),
  ].join(", "),
);

function collect(rows: AggregateRow[]): Map<string, Map<string, MetricAggregate>> {
  const byKey = new Map<string, Map<string, MetricAggregate>>();
  for (const r of rows) {
    const metrics = byKey.get(r.key) ?? new Map<string, MetricAggregate>();
    byKey.set(r.key, metrics);
    const agg = metrics.get(r.metric) ?? { count: 0, sum: 0, histogram: new Map<number, number>() };
    metrics.set(r.metric, agg);
    agg.count += Number(r.count);
    agg.sum += Number(r.sum);
    for (let bucket = 0; bucket < BUCKET_EDGES.length; bucket++) {
      const n = Number(r[`b${bucket}`] ?? 0);
      if (n !== 0) agg.histogram.set(bucket, (agg.histogram.get(bucket) ?? 0) + n);
    }
  }
  return byKey;
}

/**
 * Reads a report from report_hourly alone: a few grouped index range scans over one dimension's rows, never the
 * raw tables. Series are regrouped from UTC hours into the viewer's zone by PostgreSQL (AT TIME ZONE).
 */
export async function runReport(
  db: DbOrTx,
  report: ReportDefinition,
  request: ReportRequest,
): Promise<ReportResult> {
  const period = spanOf(request.from, request.to, request.tz);
  const comparison = comparisonOf(request.from, request.to, request.tz, request.compare);
  const granularity = granularityFor(daysIn(request.from, request.to), request.granularity);
  const metrics = report.metrics(request.hours);
  const levels = report.kind === "levels";
  const metricList = (ms: readonly string[]) =>
    sql.join(
      ms.map((m) => sql`${m}`),
      sql`, `,
    );
  const valueFilter = (withFilter: boolean) =>
    withFilter && request.filter.length > 0
      ? sql` AND value IN (${sql.join(
          request.filter.map((v) => sql`${v}`),
          sql`, `,
        )})`
      : sql``;
  const base = (dim: Dimension, withFilter: boolean): SQL =>
    sql`workspace_id = ${request.workspaceId} AND dim = ${dim} AND metric IN (${metricList(metrics)})${valueFilter(withFilter)}`;

  const totalsBy = async (span: Span, dim: Dimension, filtered: boolean) =>
    levels
      ? levelsAt(
          db,
          request.workspaceId,
          span.end,
          sql`workspace_id = ${request.workspaceId} AND dim = ${dim}${valueFilter(filtered)}`,
          metrics,
          sql`value`,
        )
      : collect(
          rowsOf(
            await db.execute(sql`
              SELECT value AS key, metric, ${SUMS} FROM report_hourly
              WHERE ${base(dim, filtered)} AND hour >= ${span.start.toISOString()} AND hour < ${span.end.toISOString()}
              GROUP BY value, metric`),
          ),
        );

  const cutRows = request.cut === "all" ? null : await totalsBy(period, request.cut, true);
  const cutCompare =
    request.cut === "all" || !comparison ? null : await totalsBy(comparison, request.cut, true);
  // With a filter the total is the sum over the filtered values; without, the uncut row is the same and cheaper.
  const filtered = request.filter.length > 0;
  const totalDim: Dimension = filtered ? request.cut : "all";
  const sumAll = (m: Map<string, Map<string, MetricAggregate>>) => merge([...m.values()]);
  const total = sumAll(await totalsBy(period, totalDim, filtered));
  const totalCompare = comparison ? sumAll(await totalsBy(comparison, totalDim, filtered)) : null;

  const rows: ReportRow[] = [];
  if (cutRows) {
    for (const [value, aggregates] of cutRows) {
      const figures = report.compute(aggregates, request.hours);
      const before = cutCompare?.get(value);
      rows.push({
        value,
        figures,
        compare: comparison ? report.compute(before ?? new Map(), request.hours) : null,
      });
    }
    const lead = report.figures[0]?.id ?? "";
    rows.sort((a, b) => (b.figures[lead] ?? -1) - (a.figures[lead] ?? -1) || a.value.localeCompare(b.value));
  }

  return {
    report: report.id,
    period: spanJson(period),
    compare: comparison ? spanJson(comparison) : null,
    cut: request.cut,
    filter: request.filter,
    hours: request.hours,
    tz: request.tz,
    granularity,
    figures: report.figures,
    total: {
      value: "",
      figures: report.compute(total, request.hours),
      compare: totalCompare ? report.compute(totalCompare, request.hours) : null,
    },
    rows,
    series: await seriesOf(
      db,
      report,
      request,
      period,
      granularity,
      base(totalDim, filtered),
      sql`workspace_id = ${request.workspaceId} AND dim = ${totalDim}${valueFilter(filtered)}`,
    ),
  };
}

async function seriesOf(
  db: DbOrTx,
  report: ReportDefinition,
  request: ReportRequest,
  period: Span,
  granularity: Granularity,
  where: SQL,
  whereForLevels: SQL,
): Promise<ReportResult["series"]> {
  const slotOf = (column: SQL) =>
    sql`to_char(date_trunc(${granularity}, ${column} AT TIME ZONE ${request.tz}), 'YYYY-MM-DD"T"HH24:MI')`;
  const slotRows = rowsOf<{ slot: string }>(
    await db.execute(sql`
      SELECT ${slotOf(sql`g`)} AS slot FROM generate_series(
        ${period.start.toISOString()}::timestamptz, ${period.end.toISOString()}::timestamptz - interval '1 second',
        ${`1 ${granularity}`}::interval) g`),
  );
  const slots = [...new Set(slotRows.map((r) => r.slot))];
  const perSlot = collect(
    rowsOf(
      await db.execute(sql`
        SELECT ${slotOf(sql`hour`)} AS key, metric, ${SUMS} FROM report_hourly
        WHERE ${where} AND hour >= ${period.start.toISOString()} AND hour < ${period.end.toISOString()}
        GROUP BY 1, metric`),
    ),
  );
  let running: Aggregates = new Map();
  if (report.kind === "levels") {
    const opening = await levelsAt(
      db,
      request.workspaceId,
      period.start,
      whereForLevels,
      report.metrics(request.hours),
      sql`''`,
    );
    running = opening.get("") ?? new Map();
  }
  const figures: Record<string, (number | null)[]> = {};
  for (const id of report.seriesFigures) figures[id] = [];
  for (const slot of slots) {
    const own = perSlot.get(slot) ?? new Map();
    // A level at the end of a slot is everything before it plus the slot's own changes.
    if (report.kind === "levels") running = merge([running, own]);
    const aggregates = report.kind === "levels" ? running : own;
    const computed = report.compute(aggregates, request.hours);
    for (const id of report.seriesFigures) figures[id]!.push(computed[id] ?? null);
  }
  return { slots, figures };
}

/**
 * Levels (backlog) at an instant, reading whichever side of it is shorter: the changes before it, or the
 * all-time level row (hour 0) minus the changes after it. Never the whole history twice.
 */
async function levelsAt(
  db: DbOrTx,
  workspaceId: string,
  at: Date,
  where: SQL,
  metrics: readonly string[],
  key: SQL,
): Promise<Map<string, Map<string, MetricAggregate>>> {
  const list = (ms: readonly string[]) =>
    sql.join(
      ms.map((m) => sql`${m}`),
      sql`, `,
    );
  const [first] = rowsOf<{ first: string | Date | null }>(
    await db.execute(sql`
      SELECT min(hour) AS first FROM report_hourly
      WHERE workspace_id = ${workspaceId} AND dim = 'all' AND metric = 'conversations_created'`),
  );
  const firstHour = first?.first ? new Date(first.first).getTime() : at.getTime();
  const fromTheStart = at.getTime() - firstHour <= Date.now() - at.getTime();
  const query = fromTheStart
    ? sql`
        SELECT ${key} AS key, metric, sum(count) AS count, 0 AS sum FROM report_hourly
        WHERE ${where} AND metric IN (${list(metrics)}) AND hour > to_timestamp(0) AND hour < ${at.toISOString()}
        GROUP BY 1, 2`
    : sql`
        SELECT ${key} AS key, replace(metric, 'backlog_level.', 'backlog.') AS metric,
          sum(CASE WHEN hour = to_timestamp(0) THEN count ELSE -count END) AS count, 0 AS sum
        FROM report_hourly
        WHERE ${where} AND ((metric IN (${list(metrics.map(levelMetricOf))}) AND hour = to_timestamp(0))
          OR (metric IN (${list(metrics)}) AND hour >= ${at.toISOString()}))
        GROUP BY 1, 2`;
  return collect(rowsOf(await db.execute(query)));
}

function merge(parts: readonly Aggregates[]): Map<string, MetricAggregate> {
  const out = new Map<string, MetricAggregate>();
  for (const part of parts) {
    for (const [metric, a] of part) {
      const agg = out.get(metric) ?? { count: 0, sum: 0, histogram: new Map<number, number>() };
      out.set(metric, agg);
      agg.count += a.count;
      agg.sum += a.sum;
      for (const [bucket, count] of a.histogram)
        agg.histogram.set(bucket, (agg.histogram.get(bucket) ?? 0) + count);
    }
  }
  return out;
}

function spanJson(span: Span) {
  return { from: span.from, to: span.to, start: span.start.toISOString(), end: span.end.toISOString() };
}

function rowsOf<T = AggregateRow>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
