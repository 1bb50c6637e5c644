import { useContext, useEffect, useMemo, useState } from "react";
import { api } from "../api.ts";
import { LocaleContext } from "../hooks.ts";
import { ReportChart } from "./ReportChart.tsx";
import { formatFigure, formatSlot } from "./reportFormat.ts";
import { type ReportAnswer, type ReportSelection, reportQuery } from "./reportsApi.ts";
import { useReportsLabel, useReportsT } from "./reportsI18n.ts";

/** One report: its chart over time, and beside it a table per cut value with the comparison period. */
export function ReportCard({ id, selection }: { id: string; selection: ReportSelection }) {
  const locale = useContext(LocaleContext);
  const t = useReportsT();
  const label = useReportsLabel();
  const [answer, setAnswer] = useState<ReportAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = reportQuery(selection);

  useEffect(() => {
    let live = true;
    setError(null);
    api<ReportAnswer>("GET", `/api/reports/${id}?${query}`)
      .then((a) => live && setAnswer(a))
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [id, query]);

  const seriesKind =
    answer?.figures.find((f) => f.id === Object.keys(answer.series.figures)[0])?.kind ?? "count";
  const chartLabels = useMemo(
    () => (answer ? answer.series.slots.map((s) => formatSlot(locale, s, answer.granularity)) : []),
    [answer, locale],
  );
  const datasets = useMemo(
    () =>
      answer
        ? Object.entries(answer.series.figures).map(([figure, data]) => ({
            label: label("figure", figure),
            data,
          }))
        : [],
    [answer, label],
  );
  const format = useMemo(() => (v: number) => formatFigure(locale, seriesKind, v), [locale, seriesKind]);

  const valueName = (value: string) => {
    if (!answer) return value;
    if (value === "") return t("none");
    return answer.labels[value] ?? label("value", value);
  };

  return (
    <section className="report-card" data-testid={`report-${id}`}>
      <header>
        <h2>{label("report", id)}</h2>
        <a className="button" href={`/api/reports/${id}.csv?${query}`} download data-testid={`csv-${id}`}>
          {t("csv")}
        </a>
      </header>
      {error && <p className="error">{error}</p>}
      {!answer && !error && <p>{t("loading")}</p>}
      {answer && (
        <div className="report-body">
          <ReportChart
            title={label("report", id)}
            labels={chartLabels}
            datasets={datasets}
            kind={seriesKind}
            format={format}
          />
          <table className="report-table">
            <thead>
              <tr>
                <th>{label("dim", answer.cut)}</th>
                {answer.figures.map((f) => (
                  <th key={f.id}>{label("figure", f.id)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[
                ...answer.rows.map((r) => ({ ...r, name: valueName(r.value), isTotal: false })),
                { ...answer.total, name: t("total"), isTotal: true },
              ].map((row) => (
                <tr key={`${row.name}:${row.value}`} className={row.isTotal ? "total" : undefined}>
                  <th scope="row">{row.name}</th>
                  {answer.figures.map((f) => (
                    <td key={f.id}>
                      {formatFigure(locale, f.kind, row.figures[f.id])}
                      {row.compare && (
                        <small className="compare">
                          {" "}
                          ({t("before")}: {formatFigure(locale, f.kind, row.compare[f.id])})
                        </small>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
