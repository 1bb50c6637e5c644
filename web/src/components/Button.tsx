import type { ComponentProps } from "react";

export type ButtonVariant = "default" | "primary" | "danger" | "ghost";

/**
 * The design system's button (components.css): `primary` for the one action a form exists for, `danger` for what
 * cannot be undone, `ghost` for a quiet control in a toolbar. Always type="button" unless told otherwise, so a
 * button inside a form never submits it by accident.
 */
export function Button({
  variant = "default",
  className,
  type = "button",
  ...button
}: { variant?: ButtonVariant } & ComponentProps<"button">) {
  const classes = [variant === "default" ? "" : variant, className ?? ""].filter(Boolean).join(" ");
  return <button type={type} className={classes || undefined} {...button} />;
}
