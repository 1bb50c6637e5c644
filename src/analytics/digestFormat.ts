import type { FigureKind } from "./reportDefinition.ts";

/** A figure for a plain-text e-mail: durations in minutes or hours, shares in per cent, "–" for no data. */
export function formatDigestFigure(kind: FigureKind, value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  if (kind === "ratio") return `${(value * 100).toFixed(1)} %`;
  if (kind === "count") return String(value);
  if (value < 3600) return `${Math.round(value / 60)} min`;
  return `${(value / 3600).toFixed(1)} h`;
}
