import type { Hono } from "hono";
import { z } from "zod";
import { DIMENSIONS } from "../../analytics/metrics.ts";
import { reportToCsv } from "../../analytics/reportCsv.ts";
import { labelsFor } from "../../analytics/reportLabels.ts";
import { ReportQuery } from "../../analytics/reportParams.ts";
import { runReport } from "../../analytics/reportQuery.ts";
import { REPORTS, reportById } from "../../analytics/reportRegistry.ts";
import type { Viewer } from "../../domain/roles.ts";
import type { Db } from "../../store/database.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { HttpError } from "../httpError.ts";

const ReportParams = z.object({ report: z.string().regex(/^[a-z_]+(\.csv)?$/, "unknown report") });

/**
 * Supervisors and admins see every figure; an agent sees their own at most: whatever they ask, the report is
 * cut by agent and filtered to themselves.
 */
function scopeFor(viewer: Viewer, cut: (typeof DIMENSIONS)[number], filter: string[]) {
  if (viewer.role !== "agent") return { cut, filter };
  return { cut: "agent" as const, filter: [viewer.userId] };
}

export function reportRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/reports",
      summary: "The reports there are, their figures and the dimensions they can be cut by",
      tag: "reports",
      response: { status: 200 },
    },
    async (_input, c) =>
      c.json({
        reports: REPORTS.map((r) => ({
          id: r.id,
          kind: r.kind,
          figures: r.figures,
          seriesFigures: r.seriesFigures,
        })),
        dimensions: DIMENSIONS,
      }),
  );
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/reports/:report",
      summary:
        "A report (first_response_time, next_response_time, time_to_close, handle_time, reopen_rate, sla, backlog, volumes, bot) over a period of local days with a comparison, cut by one dimension; `.csv` or format=csv for CSV",
      tag: "reports",
      params: ReportParams,
      query: ReportQuery,
      response: { status: 200 },
    },
    async ({ params, query, viewer }, c) => {
      const asCsv = params.report.endsWith(".csv") || query.format === "csv";
      const id = params.report.replace(/\.csv$/, "");
      const report = reportById(id);
      if (!report) throw new HttpError(404, "unknown_report", `No report called "${id}"`);
      const scope = scopeFor(viewer, query.cut, query.filter ? query.filter.split(",") : []);
      const result = await runReport(db, report, {
        workspaceId: viewer.workspaceId,
        from: query.from,
        to: query.to,
        compare: query.compare,
        cut: scope.cut,
        filter: scope.filter,
        hours: query.hours,
        tz: query.tz,
        granularity: query.granularity,
      });
      const labels = await labelsFor(db, viewer.workspaceId, result.cut);
      if (asCsv) {
        c.header("Content-Type", "text/csv; charset=utf-8");
        c.header("Content-Disposition", `attachment; filename="${id}-${query.from}-${query.to}.csv"`);
        return c.body(reportToCsv(result, labels));
      }
      return c.json({ ...result, labels: Object.fromEntries(labels) });
    },
  );
}
