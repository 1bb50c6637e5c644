import { useT } from "./hooks.ts";
import { LOCALES, type Locale } from "./i18n.ts";

const NAMES: Record<Locale, string> = { en: "English", ru: "Русский", pl: "Polski", lv: "Latviešu" };

export function LanguageSelect({ locale, onLocale }: { locale: Locale; onLocale: (l: Locale) => void }) {
  const t = useT();
  return (
    <select
      data-testid="language-select"
      aria-label={t("language")}
      value={locale}
      onChange={(e) => onLocale(e.target.value as Locale)}
    >
      {LOCALES.map((l) => (
        <option key={l} value={l}>
          {NAMES[l]}
        </option>
      ))}
    </select>
  );
}
