import { sql } from "drizzle-orm";
import type { Db } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { listeningAlerts, listeningSettings, listeningTopics, workspaces } from "../store/schema.ts";
import { judgeWindow, type SpikeVerdict } from "./spikeRule.ts";

/** How far back the baseline reaches. */
const BASELINE_HOURS = 24;
/**
 * A topic must have been listened to for this many windows before its latest one has a usual to compare with.
 * Without it, a topic set up a minute ago (a fresh install, a new competitor) "usually" has nothing, and its
 * first handful of mentions reads as a burst.
 */
export const MIN_BASELINE_WINDOWS = 6;

/**
 * How many windows of baseline a topic has before `windowStart`: from when it began listening (its creation) or
 * the start of the baseline period, whichever is later. Below MIN_BASELINE_WINDOWS there is no baseline yet.
 */
export function baselineWindows(
  topicCreatedAt: Date,
  windowStart: Date,
  baselineStart: Date,
  windowMs: number,
): number {
  const from = Math.max(topicCreatedAt.getTime(), baselineStart.getTime());
  return Math.max(0, (windowStart.getTime() - from) / windowMs);
}

export interface WindowRow {
  topic_id: string;
  subject: string;
  recent: number;
  recent_negative: number;
  past: number;
  past_negative: number;
  /** Where the subject stands, on average, in its mentions' key terms (1 = leads them). */
  rank: number;
  recent_ids: string[] | null;
}

export interface SpikeSettings {
  spikeWindowMinutes: number;
  spikeMinCount: number;
  spikeFactor: number;
  alertWebhookUrl: string | null;
}

const DEFAULTS: SpikeSettings = {
  spikeWindowMinutes: 10,
  spikeMinCount: 5,
  spikeFactor: 3,
  alertWebhookUrl: null,
};

/**
 * Compares every topic's latest window of mentions, overall and per key term, with the day before it, and
 * raises an alert for each burst of volume or of negativity. An alert is raised once per topic, subject and
 * kind while the burst lasts (nothing new for two windows), so a storm is one alert, not a hundred.
 */
export async function detectSpikes(db: Db, now = new Date()): Promise<number> {
  let raised = 0;
  const rows = await db
    .select({ id: workspaces.id, settings: listeningSettings })
    .from(workspaces)
    .leftJoin(listeningSettings, sql`${listeningSettings.workspaceId} = ${workspaces.id}`);
  for (const workspace of rows) {
    raised += await detectInWorkspace(db, workspace.id, workspace.settings ?? DEFAULTS, now);
  }
  return raised;
}

async function detectInWorkspace(db: Db, workspaceId: string, settings: SpikeSettings, now: Date) {
  const windowMs = settings.spikeWindowMinutes * 60_000;
  const windowStart = new Date(now.getTime() - windowMs);
  const since = new Date(now.getTime() - BASELINE_HOURS * 3_600_000);
  const ws = windowStart.toISOString();
  const windows = (await db.execute(sql`
    WITH recent AS (
      SELECT id, topic_id, subjects, sentiment, occurred_at FROM mentions
      WHERE workspace_id = ${workspaceId} AND occurred_at > ${since.toISOString()}::timestamptz
        AND occurred_at <= ${now.toISOString()}::timestamptz AND decision <> 'ignore'),
    expanded AS (
      SELECT id, topic_id, '' AS subject, 0::bigint AS rank, sentiment, occurred_at FROM recent
      UNION ALL
      SELECT r.id, r.topic_id, s.subject, s.ord AS rank, r.sentiment, r.occurred_at
      FROM recent r, jsonb_array_elements_text(r.subjects) WITH ORDINALITY AS s(subject, ord))
    SELECT topic_id, subject,
      (count(*) FILTER (WHERE occurred_at > ${ws}::timestamptz))::int AS recent,
      (count(*) FILTER (WHERE occurred_at > ${ws}::timestamptz AND sentiment = 'negative'))::int AS recent_negative,
      (count(*) FILTER (WHERE occurred_at <= ${ws}::timestamptz))::int AS past,
      (count(*) FILTER (WHERE occurred_at <= ${ws}::timestamptz AND sentiment = 'negative'))::int AS past_negative,
      (avg(rank) FILTER (WHERE occurred_at > ${ws}::timestamptz))::float AS rank,
      array_agg(id::text) FILTER (WHERE occurred_at > ${ws}::timestamptz) AS recent_ids
    FROM expanded GROUP BY topic_id, subject
    HAVING count(*) FILTER (WHERE occurred_at > ${ws}::timestamptz) >= ${settings.spikeMinCount}`)) as unknown as {
    rows: WindowRow[];
  };
  if (windows.rows.length === 0) return 0;
  const topics = new Map(
    (
      await db
        .select({ id: listeningTopics.id, name: listeningTopics.name, createdAt: listeningTopics.createdAt })
        .from(listeningTopics)
        .where(sql`${listeningTopics.workspaceId} = ${workspaceId}`)
    ).map((t) => [t.id, t]),
  );
  const names = new Map([...topics.values()].map((t) => [t.id, t.name]));
  const bursts = windows.rows
    .map((row) => {
      const createdAt = topics.get(row.topic_id)?.createdAt ?? now;
      return { row, pastWindows: baselineWindows(createdAt, windowStart, since, windowMs) };
    })
    .filter(({ pastWindows }) => pastWindows >= MIN_BASELINE_WINDOWS)
    .map(({ row, pastWindows }) => ({
      row,
      verdict: judgeWindow(
        {
          recent: row.recent,
          recentNegative: row.recent_negative,
          past: row.past,
          pastNegative: row.past_negative,
          pastWindows,
        },
        { minCount: settings.spikeMinCount, factor: settings.spikeFactor },
      ),
    }))
    .filter(({ verdict }) => verdict.volume || verdict.negativity);
  let raised = 0;
  for (const { row, verdict } of chooseAlerts(bursts)) {
    const recentAlert = await db.execute(sql`
      SELECT 1 FROM listening_alerts
      WHERE workspace_id = ${workspaceId} AND topic_id = ${row.topic_id} AND subject = ${row.subject}
        AND created_at > ${new Date(now.getTime() - 2 * windowMs).toISOString()}::timestamptz
      LIMIT 1`);
    if ((recentAlert as unknown as { rows: unknown[] }).rows.length > 0) continue;
    const kind = verdict.volume ? "volume" : "negativity";
    await db.transaction(async (tx) => {
      await tx.insert(listeningAlerts).values({
        workspaceId,
        topicId: row.topic_id,
        subject: row.subject,
        kind,
        windowStart,
        windowEnd: now,
        count: row.recent,
        negativeCount: row.recent_negative,
        baseline: verdict.expected.toFixed(2),
        message: describeSpike(
          names.get(row.topic_id) ?? "topic",
          row,
          verdict,
          kind,
          settings.spikeWindowMinutes,
        ),
        webhookStatus: settings.alertWebhookUrl ? "pending" : "none",
        webhookNextAt: settings.alertWebhookUrl ? now : null,
      });
      await notifyChange(tx, { workspaceId, type: "alert.created" });
    });
    raised++;
  }
  return raised;
}

/** Share of a burst's mentions already explained by a stronger alert, above which it is not raised again. */
const OVERLAP_SUPPRESSED = 0.7;

/**
 * One storm lights up many key terms at once ("courier", "never", "terrible" in the same thirty complaints) and
 * the topic as a whole. A team wants one alert per storm: per topic, subjects come first (most mentions, then
 * the term that leads its mentions' key terms), and a burst whose mentions are mostly covered by an alert
 * already chosen is left out; the topic-wide burst only when its subjects do not explain it.
 */
export function chooseAlerts<
  T extends { row: Pick<WindowRow, "topic_id" | "subject" | "recent" | "rank" | "recent_ids"> },
>(bursts: T[]): T[] {
  const ordered = [...bursts].sort(
    (a, b) =>
      a.row.topic_id.localeCompare(b.row.topic_id) ||
      Number(a.row.subject === "") - Number(b.row.subject === "") ||
      b.row.recent - a.row.recent ||
      a.row.rank - b.row.rank ||
      a.row.subject.localeCompare(b.row.subject),
  );
  const covered = new Map<string, Set<string>>();
  const chosen: T[] = [];
  for (const burst of ordered) {
    const seen = covered.get(burst.row.topic_id) ?? new Set<string>();
    const ids = burst.row.recent_ids ?? [];
    const overlap = ids.length > 0 ? ids.filter((id) => seen.has(id)).length / ids.length : 0;
    if (overlap >= OVERLAP_SUPPRESSED) continue;
    for (const id of ids) seen.add(id);
    covered.set(burst.row.topic_id, seen);
    chosen.push(burst);
  }
  return chosen;
}

export function describeSpike(
  topic: string,
  row: Pick<WindowRow, "subject" | "recent" | "recent_negative">,
  verdict: SpikeVerdict,
  kind: "volume" | "negativity",
  windowMinutes: number,
): string {
  const about = row.subject ? ` about "${row.subject}…"` : "";
  if (kind === "volume")
    return `${row.recent} mentions of ${topic}${about} in ${windowMinutes} minutes (usually ${verdict.expected.toFixed(1)}), ${row.recent_negative} negative`;
  return `${row.recent_negative} of ${row.recent} mentions of ${topic}${about} in ${windowMinutes} minutes are negative (usually ${Math.round(verdict.pastNegativeShare * 100)}%)`;
}
