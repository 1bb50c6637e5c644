import type { ComponentProps, ReactNode } from "react";

interface FieldProps {
  label: ReactNode;
  /** Shown under the input, inside the label, so it reads as part of the field. */
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
}

/** A labelled input (text, number, url…); every other prop goes to the input itself. */
export function TextField({
  label,
  hint,
  value,
  onChange,
  ...input
}: FieldProps & Omit<ComponentProps<"input">, "value" | "onChange">) {
  return (
    <label className="field">
      {label}
      <input {...input} value={value} onChange={(e) => onChange(e.target.value)} />
      {hint && <span className="hint">{hint}</span>}
    </label>
  );
}

/** A labelled textarea; every other prop, a ref included, goes to the textarea itself. */
export function TextAreaField({
  label,
  hint,
  value,
  onChange,
  ...textarea
}: FieldProps & Omit<ComponentProps<"textarea">, "value" | "onChange">) {
  return (
    <label className="field">
      {label}
      <textarea {...textarea} value={value} onChange={(e) => onChange(e.target.value)} />
      {hint && <span className="hint">{hint}</span>}
    </label>
  );
}
