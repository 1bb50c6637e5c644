import { useQuery } from "@tanstack/react-query";
import { useContext, useMemo } from "react";
import { api } from "../api.ts";
import { LocaleContext } from "../hooks.ts";
import type { Locale } from "../i18n.ts";
import type { Category, Team } from "../settings/settingsApi.ts";
import { useInboxFiltersT } from "./inboxFiltersI18n.ts";
import { FILTER_LANGUAGES, type ListFilter } from "./listFilter.ts";

/**
 * Under the "conversations" key, so the list's refresh after a change (a label added in bulk) refreshes the
 * labels offered too.
 */
const LABELS_QUERY = ["conversations", "/api/labels"];

function useOptions() {
  const teams = useQuery({
    queryKey: ["/api/teams"],
    queryFn: () => api<{ items: Team[] }>("GET", "/api/teams"),
  }).data?.items;
  const categories = useQuery({
    queryKey: ["/api/categories"],
    queryFn: () => api<{ items: Category[] }>("GET", "/api/categories"),
  }).data?.items;
  const labels = useQuery({
    queryKey: LABELS_QUERY,
    queryFn: () => api<{ items: { label: string; count: number }[] }>("GET", "/api/labels"),
  }).data?.items;
  return { teams: teams ?? [], categories: categories ?? [], labels: labels ?? [] };
}

/** A language's own name in the viewer's language ("польский" in Russian), capitalised as a menu item. */
function languageName(locale: Locale, code: string): string {
  let name = code;
  try {
    name = new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    // An engine without language names shows the code.
  }
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/**
 * Team, category, language and label filters of the inbox. Labels narrow: a conversation must carry every
 * label chosen. Each choice is a new URL, so Back undoes it and a shared link shows the same list.
 */
export function InboxFilters({
  filter,
  onFilter,
}: {
  filter: ListFilter;
  onFilter: (filter: ListFilter) => void;
}) {
  const t = useInboxFiltersT();
  const locale = useContext(LocaleContext);
  const { teams, categories, labels } = useOptions();
  const languages = useMemo(
    () => FILTER_LANGUAGES.map((code) => ({ code, name: languageName(locale, code) })),
    [locale],
  );
  const offered = labels.filter((l) => !filter.label.includes(l.label));
  const narrowed = filter.teamId || filter.categoryId || filter.language || filter.label.length > 0;

  return (
    <>
      <select
        aria-label={t("team")}
        data-testid="team-filter"
        value={filter.teamId}
        onChange={(e) => onFilter({ ...filter, teamId: e.target.value })}
      >
        <option value="">{t("allTeams")}</option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
      <select
        aria-label={t("category")}
        data-testid="category-filter"
        value={filter.categoryId}
        onChange={(e) => onFilter({ ...filter, categoryId: e.target.value })}
      >
        <option value="">{t("allCategories")}</option>
        {categories.map((category) => (
          <option key={category.id} value={category.id}>
            {category.names[locale as keyof Category["names"]] ?? category.name}
          </option>
        ))}
      </select>
      <select
        aria-label={t("language")}
        data-testid="language-filter"
        value={filter.language}
        onChange={(e) => onFilter({ ...filter, language: e.target.value as ListFilter["language"] })}
      >
        <option value="">{t("allLanguages")}</option>
        {languages.map((language) => (
          <option key={language.code} value={language.code}>
            {language.name}
          </option>
        ))}
      </select>
      <select
        aria-label={t("labels")}
        title={t("labelsHint")}
        data-testid="label-filter"
        value=""
        onChange={(e) => e.target.value && onFilter({ ...filter, label: [...filter.label, e.target.value] })}
      >
        <option value="">{t("addLabelFilter")}</option>
        {offered.map((l) => (
          <option key={l.label} value={l.label}>
            {l.label} ({l.count})
          </option>
        ))}
      </select>
      {filter.label.length > 0 && (
        <ul className="label-filters" aria-label={t("labelsHint")}>
          {filter.label.map((label) => (
            <li key={label}>
              <button
                type="button"
                className="chip"
                data-testid="label-filter-chip"
                aria-label={t("removeLabelFilter", { label })}
                onClick={() => onFilter({ ...filter, label: filter.label.filter((l) => l !== label) })}
              >
                {label} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {narrowed && (
        <button
          type="button"
          className="link"
          data-testid="clear-filters"
          onClick={() => onFilter({ ...filter, teamId: "", categoryId: "", language: "", label: [] })}
        >
          {t("clearFilters")}
        </button>
      )}
    </>
  );
}
