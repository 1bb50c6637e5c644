import { useSyncExternalStore } from "react";
import type { ThemeChoice } from "../../../src/domain/userPreferences.ts";

/**
 * Themes are drawn by CSS alone (tokens.css picks each colour with light-dark() by the color-scheme): "system"
 * leaves html without a data-theme, so the operating system decides, and "light" or "dark" pins it.
 */
export function applyTheme(root: HTMLElement, choice: ThemeChoice): void {
  if (choice === "system") delete root.dataset.theme;
  else root.dataset.theme = choice;
}

const DARK_QUERY = "(prefers-color-scheme: dark)";

function currentTheme(): "light" | "dark" {
  const pinned = document.documentElement.dataset.theme;
  if (pinned === "light" || pinned === "dark") return pinned;
  return window.matchMedia(DARK_QUERY).matches ? "dark" : "light";
}

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(DARK_QUERY);
  media.addEventListener("change", onChange);
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => {
    media.removeEventListener("change", onChange);
    observer.disconnect();
  };
}

/** The theme on screen now, for what CSS cannot colour itself (a chart drawn on a canvas). */
export function useResolvedTheme(): "light" | "dark" {
  return useSyncExternalStore(subscribe, currentTheme);
}

/**
 * A token's colour as the page draws it now, e.g. "rgb(37, 99, 235)": a canvas cannot read var() or
 * light-dark(), so the browser resolves it on a probe element.
 */
export function resolvedColour(token: string): string {
  const probe = document.createElement("span");
  probe.style.color = `var(${token})`;
  probe.style.display = "none";
  document.body.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}

/** The categorical colours of chart series, in order (tokens.css --color-chart-1…9). */
export const CHART_COLOUR_TOKENS = Array.from({ length: 9 }, (_, i) => `--color-chart-${i + 1}`);

/** The i-th series' colour for SVG and HTML, which read CSS variables themselves. */
export function chartColour(index: number): string {
  return `var(${CHART_COLOUR_TOKENS[index % CHART_COLOUR_TOKENS.length]})`;
}
