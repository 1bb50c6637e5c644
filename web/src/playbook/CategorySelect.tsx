import { useContext } from "react";
import { SelectField } from "../components/Select.tsx";
import { LocaleContext } from "../hooks.ts";
import { type Category, categoryName } from "./playbookApi.ts";
import { usePlaybookT } from "./playbookI18n.ts";

export function CategorySelect({
  categories,
  value,
  onChange,
}: {
  categories: Category[];
  value: string | null;
  onChange: (key: string | null) => void;
}) {
  const pt = usePlaybookT();
  const locale = useContext(LocaleContext);
  // A key saved before its category was renamed or removed stays selectable rather than silently dropped.
  const orphan = value !== null && !categories.some((c) => c.key === value);
  const options = categories.map((c) => ({ value: c.key, label: categoryName(c, locale) }));
  return (
    <SelectField
      label={pt("category")}
      data-testid="playbook-category"
      emptyLabel={pt("noCategory")}
      options={orphan ? [...options, { value, label: value }] : options}
      value={value ?? ""}
      onChange={(key) => onChange(key || null)}
    />
  );
}
