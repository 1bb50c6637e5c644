import { SelectField } from "../components/Select.tsx";
import type { PlaybookLanguage } from "./playbookApi.ts";
import { useLanguageOptions, usePlaybookT } from "./playbookI18n.ts";

/** The language a reply or article is written in, each language named in the reader's own. */
export function LanguageField({
  value,
  onChange,
  "data-testid": testId,
}: {
  value: PlaybookLanguage;
  onChange: (language: PlaybookLanguage) => void;
  "data-testid": string;
}) {
  const pt = usePlaybookT();
  const options = useLanguageOptions();
  return (
    <SelectField
      label={pt("language")}
      data-testid={testId}
      options={options}
      value={value}
      onChange={(language) => onChange(language as PlaybookLanguage)}
    />
  );
}
