import { useEffect, useState } from "react";
import { api, type Me } from "../api.ts";
import { ReportCard } from "./ReportCard.tsx";
import { localToday } from "./reportFormat.ts";
import type { ReportCatalogue, ReportSelection } from "./reportsApi.ts";
import { useReportsLabel, useReportsT } from "./reportsI18n.ts";

const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** KPI reports for team leads: a period with its comparison, one cut, business or calendar hours, in the viewer's zone. */
export function ReportsPage({ me }: { me: Me }) {
  const t = useReportsT();
  const label = useReportsLabel();
  const [catalogue, setCatalogue] = useState<ReportCatalogue | null>(null);
  const [selection, setSelection] = useState<ReportSelection>(() => ({
    from: localToday(viewerZone, -6),
    to: localToday(viewerZone),
    compare: "previous",
    cut: "all",
    hours: "calendar",
    tz: viewerZone,
  }));
  const set = (patch: Partial<ReportSelection>) => setSelection((s) => ({ ...s, ...patch }));
  const isAgent = me.user.role === "agent";

  useEffect(() => {
    api<ReportCatalogue>("GET", "/api/reports").then(setCatalogue, () => setCatalogue(null));
  }, []);

  return (
    <main className="reports-page">
      <h1>{t("title")}</h1>
      <form className="report-controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("from")}
          <input
            type="date"
            value={selection.from}
            max={selection.to}
            onChange={(e) => e.target.value && set({ from: e.target.value })}
            data-testid="report-from"
          />
        </label>
        <label>
          {t("to")}
          <input
            type="date"
            value={selection.to}
            min={selection.from}
            onChange={(e) => e.target.value && set({ to: e.target.value })}
            data-testid="report-to"
          />
        </label>
        <label>
          {t("compare")}
          <select
            value={selection.compare}
            onChange={(e) => set({ compare: e.target.value as ReportSelection["compare"] })}
            data-testid="report-compare"
          >
            <option value="previous">{t("compare_previous")}</option>
            <option value="previous_year">{t("compare_previous_year")}</option>
            <option value="none">{t("compare_none")}</option>
          </select>
        </label>
        {!isAgent && (
          <label>
            {t("cut")}
            <select
              value={selection.cut}
              onChange={(e) => set({ cut: e.target.value })}
              data-testid="report-cut"
            >
              {(catalogue?.dimensions ?? ["all"]).map((d) => (
                <option key={d} value={d}>
                  {label("dim", d)}
                </option>
              ))}
            </select>
          </label>
        )}
        <fieldset className="hours-toggle">
          <legend>{t("hours")}</legend>
          {(["calendar", "business"] as const).map((h) => (
            <label key={h}>
              <input
                type="radio"
                name="hours"
                checked={selection.hours === h}
                onChange={() => set({ hours: h })}
              />
              {t(`hours_${h}`)}
            </label>
          ))}
        </fieldset>
        <span className="time-zone">
          {t("timeZone")}: {selection.tz}
        </span>
      </form>
      {isAgent && <p>{t("ownFigures")}</p>}
      {catalogue?.reports.map((r) => (
        <ReportCard key={r.id} id={r.id} selection={selection} />
      ))}
    </main>
  );
}
