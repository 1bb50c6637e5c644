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
import type { FigureKind } from "./reportsApi.ts";

// Only what a line chart needs: Chart.js is tree-shaken to these parts.
Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

const COLORS = ["#2563eb", "#dc2626", "#059669", "#d97706"];

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

  // Rebuilt on every change of data: a few dozen points, cheaper to redraw than to patch Chart.js's option proxies.
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: "line",
      data: {
        labels,
        datasets: datasets.map((d, i) => ({
          label: d.label,
          data: d.data,
          borderColor: COLORS[i % COLORS.length],
          backgroundColor: COLORS[i % COLORS.length],
          pointRadius: labels.length > 60 ? 0 : 2,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        spanGaps: true,
        scales: { y: { beginAtZero: true, ticks: { callback: (v) => format(Number(v)) } } },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: { label: (item) => `${item.dataset.label}: ${format(Number(item.parsed.y))}` },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [labels, datasets, format]);

  return (
    <div className="report-chart">
      <canvas ref={canvas} role="img" aria-label={title} />
    </div>
  );
}
