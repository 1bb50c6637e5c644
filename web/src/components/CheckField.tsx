import type { ComponentProps, ReactNode } from "react";

/**
 * A checkbox with its label after it. `className` and `title` dress the whole row, which is what people point
 * at and click; every other prop goes to the checkbox.
 */
export function CheckField({
  label,
  checked,
  onChange,
  className = "check",
  title,
  ...input
}: {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
  title?: string;
} & Omit<ComponentProps<"input">, "type" | "checked" | "onChange" | "className" | "title">) {
  return (
    <label className={className} title={title}>
      <input type="checkbox" {...input} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}
