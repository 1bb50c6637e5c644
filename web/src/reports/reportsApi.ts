export type FigureKind = "count" | "seconds" | "ratio";
export type Figures = Record<string, number | null>;

export interface ReportRow {
  value: string;
  figures: Figures;
  compare: Figures | null;
}

export interface ReportAnswer {
  report: string;
  cut: string;
  filter: string[];
  granularity: "hour" | "day" | "week";
  figures: { id: string; kind: FigureKind }[];
  total: ReportRow;
  rows: ReportRow[];
  series: { slots: string[]; figures: Record<string, (number | null)[]> };
  labels: Record<string, string>;
}

export interface ReportCatalogue {
  reports: { id: string; kind: string; seriesFigures: string[] }[];
  dimensions: string[];
}

export interface ReportSelection {
  from: string;
  to: string;
  compare: "none" | "previous" | "previous_year";
  cut: string;
  hours: "calendar" | "business";
  tz: string;
}

export function reportQuery(selection: ReportSelection): string {
  return new URLSearchParams({ ...selection }).toString();
}
