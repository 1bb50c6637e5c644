import { useEffect, useState } from "react";
import { api } from "../api.ts";
import { useT } from "../hooks.ts";
import { useLocaleFormat } from "../localeFormat.ts";
import { chartColour } from "../theme/theme.ts";
import type { Stats, StatsPoint } from "./listeningApi.ts";

const WIDTH = 640;
const HEIGHT = 180;
const PAD = 28;

/** Volume per topic as lines on one time axis: the competitors beside the brand. Plain SVG, no chart library. */
function VolumeChart({ stats }: { stats: Stats }) {
  const t = useT();
  const format = useLocaleFormat();
  const times = [...new Set(stats.topics.flatMap((topic) => topic.points.map((p) => p.at)))].sort();
  const max = Math.max(1, ...stats.topics.flatMap((topic) => topic.points.map((p) => p.total)));
  const x = (at: string) =>
    PAD + (times.length > 1 ? (times.indexOf(at) / (times.length - 1)) * (WIDTH - 2 * PAD) : 0);
  const y = (value: number) => HEIGHT - PAD - (value / max) * (HEIGHT - 2 * PAD);
  return (
    <figure className="chart">
      <figcaption>{t("volumeOverTime")}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={t("volumeOverTime")}
        data-testid="volume-chart"
      >
        <line
          x1={PAD}
          y1={HEIGHT - PAD}
          x2={WIDTH - PAD}
          y2={HEIGHT - PAD}
          style={{ stroke: "var(--color-border-strong)" }}
        />
        <text x={4} y={PAD} fontSize="10" style={{ fill: "var(--color-text-muted)" }}>
          {max}
        </text>
        {stats.topics.map((topic, i) => (
          <polyline
            key={topic.id}
            fill="none"
            style={{ stroke: chartColour(i) }}
            strokeWidth={topic.kind === "brand" ? 2.5 : 1.5}
            strokeDasharray={topic.kind === "competitor" ? "4 3" : undefined}
            points={topic.points.map((p) => `${x(p.at)},${y(p.total)}`).join(" ")}
          >
            <title>{topic.name}</title>
          </polyline>
        ))}
        {/* Dots carry the values, and show a topic whose only point cannot make a line. */}
        {stats.topics.flatMap((topic, i) =>
          topic.points.map((p) => (
            <circle
              key={`${topic.id}:${p.at}`}
              cx={x(p.at)}
              cy={y(p.total)}
              r={3}
              style={{ fill: chartColour(i) }}
            >
              <title>
                {topic.name}: {format.number(p.total)} ({format.dateTime(p.at)})
              </title>
            </circle>
          )),
        )}
      </svg>
      <div className="legend">
        {stats.topics.map((topic, i) => (
          <span key={topic.id}>
            <i style={{ background: chartColour(i) }} /> {topic.name}
          </span>
        ))}
      </div>
    </figure>
  );
}

function sum(points: StatsPoint[], key: "negative" | "neutral" | "positive" | "total") {
  return points.reduce((total, p) => total + p[key], 0);
}

/** Each topic's share of negative, neutral and positive mentions over the period, as one stacked bar. */
function SentimentBars({ stats }: { stats: Stats }) {
  const t = useT();
  return (
    <figure className="chart">
      <figcaption>{t("sentimentByTopic")}</figcaption>
      <table className="sentiment-bars" data-testid="sentiment-bars">
        <tbody>
          {stats.topics.map((topic) => {
            const total = Math.max(1, sum(topic.points, "total"));
            return (
              <tr key={topic.id}>
                <th>{topic.name}</th>
                <td>
                  <div className="bar">
                    {(["negative", "neutral", "positive"] as const).map((s) => (
                      <span
                        key={s}
                        className={`seg ${s}`}
                        style={{ width: `${(sum(topic.points, s) / total) * 100}%` }}
                        title={`${t(`sentiment_${s}`)}: ${sum(topic.points, s)}`}
                      />
                    ))}
                  </div>
                </td>
                <td className="num">{sum(topic.points, "total")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </figure>
  );
}

export function MentionCharts() {
  const t = useT();
  // A day in hours by default: a new workspace has hours of history, not days.
  const [days, setDays] = useState(1);
  const [stats, setStats] = useState<Stats | null>(null);
  useEffect(() => {
    api<Stats>("GET", `/api/listening/stats?days=${days}&bucket=${days > 2 ? "day" : "hour"}`).then(
      setStats,
      () => undefined,
    );
  }, [days]);
  return (
    <section className="charts">
      <select aria-label={t("period")} value={days} onChange={(e) => setDays(Number(e.target.value))}>
        {[1, 7, 30].map((d) => (
          <option key={d} value={d}>
            {t("days", { days: d })}
          </option>
        ))}
      </select>
      {stats && stats.topics.length === 0 && <p className="muted">{t("none")}</p>}
      {stats && stats.topics.length > 0 && (
        <>
          <VolumeChart stats={stats} />
          <SentimentBars stats={stats} />
        </>
      )}
    </section>
  );
}
