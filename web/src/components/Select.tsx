import type { ComponentProps, ReactNode } from "react";

export interface Option {
  value: string;
  label: string;
}

type SelectProps = {
  options: readonly Option[];
  value: string;
  onChange: (value: string) => void;
  /** A first option with the value "", for "none" or "all"; absent when a choice is required. */
  emptyLabel?: string;
} & Omit<ComponentProps<"select">, "value" | "onChange">;

function optionList(options: readonly Option[], emptyLabel: string | undefined) {
  return (
    <>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </>
  );
}

/** A drop-down over fixed options; every other prop goes to the select itself. */
export function Select({ options, value, onChange, emptyLabel, ...select }: SelectProps) {
  return (
    <select {...select} value={value} onChange={(e) => onChange(e.target.value)}>
      {optionList(options, emptyLabel)}
    </select>
  );
}

/** A labelled drop-down. The select sits right inside the label, where screen readers look for it. */
export function SelectField({
  label,
  options,
  value,
  onChange,
  emptyLabel,
  ...select
}: SelectProps & { label: ReactNode }) {
  return (
    <label className="field">
      {label}
      <select {...select} value={value} onChange={(e) => onChange(e.target.value)}>
        {optionList(options, emptyLabel)}
      </select>
    </label>
  );
}
