import { sql } from "drizzle-orm";
import { queueWebhook } from "../notifications/outboundWebhooks.ts";
import type { Db } from "../store/database.ts";
import { formatDigestFigure } from "./digestFormat.ts";
import type { ReportDefinition } from "./reportDefinition.ts";
import { type Figures, runReport } from "./reportQuery.ts";
import { reportById } from "./reportRegistry.ts";

/** The week's key figures: [report, figure, how it reads]. */
const KEY_FIGURES: readonly [string, string, string][] = [
  ["volumes", "conversations_created", "Conversations created"],
  ["volumes", "inbound_messages", "Customer messages"],
  ["first_response_time", "median", "First response time, median"],
  ["time_to_close", "median", "Time to close, median"],
  ["sla", "met_rate", "SLA met"],
  ["reopen_rate", "rate", "Reopen rate"],
  ["backlog", "total", "Backlog at the end of the week"],
  ["bot", "deflection_rate", "Settled by the bot"],
];

interface Lead {
  id: string;
  email: string;
  workspace_id: string;
  team_ids: string[];
  team_names: string[];
}

/** Monday (UTC) of the last complete week before `now`. */
export function lastCompleteWeek(now: Date): { from: string; to: string } {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const mondayThisWeek = day - ((now.getUTCDay() + 6) % 7) * 86_400_000;
  const from = new Date(mondayThisWeek - 7 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(mondayThisWeek - 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

/**
 * Team leads (supervisors who belong to a team) get last week's key figures for their teams against the week
 * before, once: the report_digests row is claimed and the e-mail queued in one transaction, so restarts and
 * concurrent workers never send a second copy. Delivery goes through the alert e-mail queue (retries, backoff,
 * admins told when it keeps failing).
 */
export async function sendWeeklyDigests(db: Db, now = new Date()): Promise<number> {
  const week = lastCompleteWeek(now);
  const leads = (
    (await db.execute(sql`
      SELECT u.id, u.email, u.workspace_id, array_agg(t.id ORDER BY t.name) AS team_ids,
        array_agg(t.name ORDER BY t.name) AS team_names
      FROM users u JOIN team_members m ON m.user_id = u.id JOIN teams t ON t.id = m.team_id
      WHERE u.role = 'supervisor' AND NOT u.disabled
        AND NOT EXISTS (SELECT 1 FROM report_digests d WHERE d.user_id = u.id AND d.week_start = ${week.from})
      GROUP BY u.id, u.email, u.workspace_id`)) as unknown as { rows: Lead[] }
  ).rows;
  let queued = 0;
  for (const lead of leads) {
    const lines = await digestLines(db, lead, week);
    const claimed = await db.transaction(async (tx) => {
      const inserted = (await tx.execute(sql`
        INSERT INTO report_digests (workspace_id, user_id, week_start, status)
        VALUES (${lead.workspace_id}, ${lead.id}, ${week.from}, 'queued')
        ON CONFLICT (user_id, week_start) DO NOTHING RETURNING user_id`)) as unknown as { rows: unknown[] };
      if (inserted.rows.length === 0) return false;
      await queueWebhook(tx, {
        workspaceId: lead.workspace_id,
        url: `mailto:${lead.email}`,
        source: "weekly_digest",
        payload: {
          type: "weekly_digest",
          text: `Weekly report for ${lead.team_names.join(", ")}: ${week.from} to ${week.to}`,
          ...lines,
        },
      });
      return true;
    });
    if (claimed) queued += 1;
  }
  return queued;
}

async function digestLines(
  db: Db,
  lead: Lead,
  week: { from: string; to: string },
): Promise<Record<string, string>> {
  const answers = new Map<string, { total: Figures; before: Figures | null; report: ReportDefinition }>();
  const lines: Record<string, string> = {};
  for (const [reportId, figure, label] of KEY_FIGURES) {
    const report = reportById(reportId);
    if (!report) continue;
    let answer = answers.get(reportId);
    if (!answer) {
      const result = await runReport(db, report, {
        workspaceId: lead.workspace_id,
        from: week.from,
        to: week.to,
        compare: "previous",
        cut: "team",
        filter: lead.team_ids,
        hours: "business",
        tz: "UTC",
        granularity: "day",
      });
      answer = { total: result.total.figures, before: result.total.compare, report };
      answers.set(reportId, answer);
    }
    const kind = report.figures.find((f) => f.id === figure)?.kind ?? "count";
    lines[label] =
      `${formatDigestFigure(kind, answer.total[figure])} (week before: ${formatDigestFigure(kind, answer.before?.[figure])})`;
  }
  return lines;
}
