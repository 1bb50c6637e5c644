import { z } from "zod";
import { isKnownTimeZone } from "../domain/sla/zonedTime.ts";
import { DIMENSIONS } from "./metrics.ts";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
/** A year and a day: the longest period a report covers (the comparison doubles the read). */
export const MAX_PERIOD_DAYS = 366;

const isoDate = z
  .string()
  .regex(ISO_DATE, "expected a date as YYYY-MM-DD")
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: "not a calendar date",
    },
  );

/** The query string of GET /api/reports/:report: dates are local days in `tz`, `to` included. */
export const ReportQuery = z
  .object({
    from: isoDate,
    to: isoDate,
    compare: z.enum(["none", "previous", "previous_year"]).default("previous"),
    cut: z.enum(DIMENSIONS).default("all"),
    /** Only these values of the cut dimension (ids or keys), comma-separated. */
    filter: z
      .string()
      .max(2000)
      .regex(/^[\w.:@-]+(,[\w.:@-]+)*$/, "expected comma-separated values")
      .optional(),
    hours: z.enum(["business", "calendar"]).default("calendar"),
    tz: z
      .string()
      .max(64)
      .refine((tz) => isKnownTimeZone(tz), { message: "unknown IANA time zone" })
      .default("UTC"),
    granularity: z.enum(["auto", "hour", "day", "week"]).default("auto"),
    format: z.enum(["json", "csv"]).default("json"),
  })
  .strict()
  .superRefine((q, ctx) => {
    const days = (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS + 1;
    if (days < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "`to` is before `from`" });
    else if (days > MAX_PERIOD_DAYS)
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: `a period covers at most ${MAX_PERIOD_DAYS} days`,
      });
    if (q.filter && q.cut === "all")
      ctx.addIssue({ code: "custom", path: ["filter"], message: "a filter needs a cut to filter by" });
    if (q.granularity === "hour" && days > 31)
      ctx.addIssue({ code: "custom", path: ["granularity"], message: "hourly series cover at most 31 days" });
  });

export type ReportParams = z.infer<typeof ReportQuery>;
