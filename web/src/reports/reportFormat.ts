import type { FigureKind } from "./reportsApi.ts";

/** A figure in the UI language: durations in the largest sensible unit, shares as percentages. */
export function formatFigure(locale: string, kind: FigureKind, value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  if (kind === "ratio")
    return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value);
  if (kind === "count") return new Intl.NumberFormat(locale).format(value);
  const [unit, size] =
    value < 60
      ? ["second", 1]
      : value < 3600
        ? ["minute", 60]
        : value < 86_400
          ? ["hour", 3600]
          : ["day", 86_400];
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: unit as string,
    unitDisplay: "short",
    maximumFractionDigits: 1,
  }).format(value / (size as number));
}

/** Series slots are local wall-clock times ("2026-03-02T00:00") already in the viewer's zone. */
export function formatSlot(locale: string, slot: string, granularity: "hour" | "day" | "week"): string {
  const asUtc = new Date(`${slot}:00Z`);
  return new Intl.DateTimeFormat(locale, {
    timeZone: "UTC",
    month: "short",
    day: "numeric",
    ...(granularity === "hour" ? { hour: "2-digit", minute: "2-digit" } : {}),
  }).format(asUtc);
}

/** Today in a time zone, as YYYY-MM-DD. */
export function localToday(timeZone: string, shiftDays = 0): string {
  const d = new Date(Date.now() + shiftDays * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(d);
}
