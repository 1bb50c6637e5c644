import { sql } from "drizzle-orm";
import type { SentimentLabel } from "../listening/listeningTypes.ts";
import type { DbOrTx } from "../store/database.ts";

export interface DisagreementShare {
  /** Customer messages whose mood triage judged in the period. */
  judged: number;
  /** Of those, how many stand corrected to another label than the model's. */
  disagreed: number;
  /** disagreed / judged, 0 when nothing was judged. */
  rate: number;
}

export interface SentimentDisagreement extends DisagreementShare {
  from: string;
  to: string;
  /** Corrections clicked in the period, including changes of mind and corrections back to the model's label. */
  corrections: number;
  byLanguage: (DisagreementShare & { language: string | null })[];
  /** What the model said and what the agents said instead, most frequent first. */
  byPair: { judged: SentimentLabel; corrected: SentimentLabel; count: number }[];
}

interface GroupRow {
  language: string | null;
  judged: string | number;
  disagreed: string | number;
}

/**
 * How often agents disagree with the sentiment model over a period of judgement: messages whose standing
 * label differs from the model's, over the messages judged. A message corrected twice counts once, by where it
 * ended up; one corrected back to the model's label counts as agreement. Reusable by any report.
 */
export async function sentimentDisagreement(
  db: DbOrTx,
  workspaceId: string,
  period: { from: Date; to: Date },
): Promise<SentimentDisagreement> {
  const inPeriod = sql`workspace_id = ${workspaceId} AND sentiment_judged_at >= ${period.from.toISOString()}
    AND sentiment_judged_at < ${period.to.toISOString()}`;
  const [languages, pairs, clicks] = await Promise.all([
    db.execute(sql`
      SELECT language, count(*) AS judged,
        count(*) FILTER (WHERE sentiment_corrected_at IS NOT NULL AND sentiment <> sentiment_judged) AS disagreed
      FROM messages WHERE direction = 'in' AND ${inPeriod}
      GROUP BY language ORDER BY count(*) DESC, language`),
    db.execute(sql`
      SELECT sentiment_judged AS judged, sentiment AS corrected, count(*) AS count
      FROM messages WHERE direction = 'in' AND ${inPeriod}
        AND sentiment_corrected_at IS NOT NULL AND sentiment <> sentiment_judged
      GROUP BY sentiment_judged, sentiment ORDER BY count(*) DESC, sentiment_judged, sentiment`),
    db.execute(sql`
      SELECT count(*) AS count FROM sentiment_corrections
      WHERE workspace_id = ${workspaceId} AND created_at >= ${period.from.toISOString()}
        AND created_at < ${period.to.toISOString()}`),
  ]);
  const byLanguage = rowsOf<GroupRow>(languages).map((row) =>
    share(row.language, Number(row.judged), Number(row.disagreed)),
  );
  const judged = byLanguage.reduce((total, row) => total + row.judged, 0);
  const disagreed = byLanguage.reduce((total, row) => total + row.disagreed, 0);
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    judged,
    disagreed,
    rate: judged > 0 ? disagreed / judged : 0,
    corrections: Number(rowsOf<{ count: string | number }>(clicks)[0]?.count ?? 0),
    byLanguage,
    byPair: rowsOf<{ judged: SentimentLabel; corrected: SentimentLabel; count: string | number }>(pairs).map(
      (row) => ({ judged: row.judged, corrected: row.corrected, count: Number(row.count) }),
    ),
  };
}

function share(language: string | null, judged: number, disagreed: number) {
  return { language, judged, disagreed, rate: judged > 0 ? disagreed / judged : 0 };
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
