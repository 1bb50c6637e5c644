import { sql } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";

export type SurveyResultsCut = "agent" | "team" | "channel";

export interface SurveyResultsQuery {
  workspaceId: string;
  /** Surveys asked in [from, to). */
  from: Date;
  to: Date;
  by: SurveyResultsCut;
  kind?: "csat" | "nps" | undefined;
}

export interface SurveyResultRow {
  /** The agent's, team's or channel's id; null for cases without one (unassigned, no team). */
  key: string | null;
  kind: "csat" | "nps";
  /** Questions that went out in the period. */
  asked: number;
  responses: number;
  /** responses / asked, 0–1; null when nothing was asked. */
  responseRate: number | null;
  averageScore: number | null;
  /** CSAT: share of 4 and 5 among responses (0–1). Null for NPS. */
  satisfiedShare: number | null;
  /** NPS: promoters (9–10), passives (7–8), detractors (0–6); score = % promoters − % detractors. */
  promoters: number;
  passives: number;
  detractors: number;
  npsScore: number | null;
  /** Scores at or below the workspace's low threshold when they were given (what reopened or was followed up). */
  lowScores: number;
  comments: number;
}

const KEY_COLUMN: Record<SurveyResultsCut, ReturnType<typeof sql>> = {
  agent: sql`assignee_id`,
  team: sql`team_id`,
  channel: sql`channel_id`,
};

interface RawRow {
  key: string | null;
  kind: "csat" | "nps";
  asked: number;
  responses: number;
  average: number | null;
  satisfied: number;
  promoters: number;
  passives: number;
  detractors: number;
  low: number;
  comments: number;
}

/**
 * Satisfaction results per agent, team or channel over a period: the agent and team are the case's at its
 * resolution (stored with the survey), so a case moved later still counts for who resolved it. Skipped
 * surveys are not "asked"; an expired one is asked and unanswered. One grouped scan of the period's surveys
 * (indexed by workspace); rows come sorted by key, then kind.
 */
export async function surveyResults(db: DbOrTx, query: SurveyResultsQuery): Promise<SurveyResultRow[]> {
  const key = KEY_COLUMN[query.by];
  const result = (await db.execute(sql`
    SELECT ${key}::text AS key, kind,
      count(*)::int AS asked,
      count(score)::int AS responses,
      avg(score)::float8 AS average,
      count(*) FILTER (WHERE kind = 'csat' AND score >= 4)::int AS satisfied,
      count(*) FILTER (WHERE kind = 'nps' AND score >= 9)::int AS promoters,
      count(*) FILTER (WHERE kind = 'nps' AND score BETWEEN 7 AND 8)::int AS passives,
      count(*) FILTER (WHERE kind = 'nps' AND score <= 6)::int AS detractors,
      count(low_score_action)::int AS low,
      count(comment)::int AS comments
    FROM surveys
    WHERE workspace_id = ${query.workspaceId} AND status IN ('sent', 'answered', 'expired')
      AND sent_at >= ${query.from.toISOString()}::timestamptz AND sent_at < ${query.to.toISOString()}::timestamptz
      ${query.kind ? sql`AND kind = ${query.kind}` : sql``}
    GROUP BY 1, 2
    ORDER BY 1 NULLS LAST, 2`)) as unknown as { rows: RawRow[] };
  return result.rows.map((row) => {
    const responses = Number(row.responses);
    const promoters = Number(row.promoters);
    const detractors = Number(row.detractors);
    return {
      key: row.key,
      kind: row.kind,
      asked: Number(row.asked),
      responses,
      responseRate: Number(row.asked) > 0 ? responses / Number(row.asked) : null,
      averageScore: row.average === null ? null : Number(row.average),
      satisfiedShare: row.kind === "csat" && responses > 0 ? Number(row.satisfied) / responses : null,
      promoters,
      passives: Number(row.passives),
      detractors,
      npsScore:
        row.kind === "nps" && responses > 0 ? Math.round(((promoters - detractors) / responses) * 100) : null,
      lowScores: Number(row.low),
      comments: Number(row.comments),
    };
  });
}
