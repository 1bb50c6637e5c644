import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { useEffect, useRef } from "react";
import { CHART_COLOUR_TOKENS, resolvedColour, useResolvedTheme } from "../theme/theme.ts";
import type { FigureKind } from "./reportsApi.ts";

// Only what a line chart needs: Chart.js is tree-shaken to these parts.
Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

interface Props {
  title: string;
  labels: string[];
  datasets: { label: string; data: (number | null)[] }[];
  kind: FigureKind;
  format: (value: number) => string;
}

/** The report's figures over time, drawn on a canvas by Chart.js; the table beside it carries the same numbers. */
export function ReportChart({ title, labels, datasets, format }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // A canvas is not styled by CSS: the chart is drawn again in the other theme's colours when the theme changes.
  const theme = useResolvedTheme();

  // Rebuilt on every change of data: a few dozen points, cheaper to redraw than to patch Chart.js's option proxies.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the theme changes the colours resolvedColour() reads
  useEffect(() => {
    if (!canvas.current) return;
    const series = CHART_COLOUR_TOKENS.slice(0, 4).map(resolvedColour);
    const text = resolvedColour("--color-text-muted");
    const grid = resolvedColour("--color-border");
    const chart = new Chart(canvas.current, {
      type: "line",
      data: {
        labels,
        datasets: datasets.map((d, i) => ({
          label: d.label,
          data: d.data,
          borderColor: series[i % series.length],
          backgroundColor: series[i % series.length],
          pointRadius: labels.length > 60 ? 0 : 2,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        spanGaps: true,
        color: text,
        scales: {
          x: { ticks: { color: text }, grid: { color: grid } },
          y: {
            beginAtZero: true,
            ticks: { color: text, callback: (v) => format(Number(v)) },
            grid: { color: grid },
          },
        },
        plugins: {
          legend: { position: "bottom", labels: { color: text } },
          tooltip: {
            callbacks: { label: (item) => `${item.dataset.label}: ${format(Number(item.parsed.y))}` },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [labels, datasets, format, theme]);

  return (
    <div className="report-chart">
      <canvas ref={canvas} role="img" aria-label={title} />
    </div>
  );
}
