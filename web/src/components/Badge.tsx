import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "accent" | "success" | "warning" | "danger";

/** A small label on a row or a header (components.css); the tone carries meaning, the words carry it too. */
export function Badge({
  tone = "neutral",
  className,
  children,
  "data-testid": testId,
}: {
  tone?: BadgeTone;
  className?: string;
  children: ReactNode;
  "data-testid"?: string;
}) {
  const classes = ["badge", tone === "neutral" ? "" : `tone-${tone}`, className ?? ""]
    .filter(Boolean)
    .join(" ");
  return (
    <span className={classes} data-testid={testId}>
      {children}
    </span>
  );
}
