import { toCsv } from "./csv.ts";
import type { ReportResult } from "./reportQuery.ts";

/** One line per cut value (and the total), each figure for the period and, when compared, the period before. */
export function reportToCsv(result: ReportResult, labels: ReadonlyMap<string, string>): string {
  const ids = result.figures.map((f) => f.id);
  const header = [result.cut, "label", ...ids, ...(result.compare ? ids.map((id) => `${id}_compare`) : [])];
  const line = (value: string, label: string, row: ReportResult["total"]) => [
    value,
    label,
    ...ids.map((id) => row.figures[id] ?? null),
    ...(result.compare ? ids.map((id) => row.compare?.[id] ?? null) : []),
  ];
  return toCsv([
    header,
    ...result.rows.map((r) => line(r.value, labels.get(r.value) ?? r.value, r)),
    line("", "total", result.total),
  ]);
}
