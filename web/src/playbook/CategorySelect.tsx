import { useContext } from "react";
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
  return (
    <label>
      {pt("category")}
      <select
        data-testid="playbook-category"
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value || null)}
      >
        <option value="">{pt("noCategory")}</option>
        {categories.map((c) => (
          <option key={c.key} value={c.key}>
            {categoryName(c, locale)}
          </option>
        ))}
        {orphan && <option value={value}>{value}</option>}
      </select>
    </label>
  );
}
