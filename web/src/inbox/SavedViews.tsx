import { useCallback, useEffect, useState } from "react";
import { api } from "../api.ts";
import type { ListFilter } from "../ConversationList.tsx";
import { useInboxToolsT } from "./inboxToolsI18n.ts";

interface SavedView {
  id: string;
  name: string;
  filters: Record<string, string>;
  teamId: string | null;
  teamName: string | null;
  ownerUserId: string;
}

export const EMPTY_FILTER: ListFilter = {
  status: "",
  assignee: "",
  channelId: "",
  priority: "",
  queued: "",
  sort: "",
  q: "",
};

/** A view's filters as the list's own: keys the list does not offer are left out, empty ones dropped. */
export function toListFilter(filters: Record<string, string>): ListFilter {
  const next = { ...EMPTY_FILTER };
  for (const key of Object.keys(next) as (keyof ListFilter)[]) {
    const value = filters[key];
    if (typeof value === "string") (next as Record<string, string>)[key] = value;
  }
  return next;
}

function fromListFilter(filter: ListFilter): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== ""));
}

/** The saved views in the inbox: pick one to apply its filters, save the current ones, share with a team. */
export function SavedViews({
  filter,
  onApply,
}: {
  filter: ListFilter;
  onApply: (filter: ListFilter) => void;
}) {
  const t = useInboxToolsT();
  const [views, setViews] = useState<SavedView[]>([]);
  const [teams, setTeams] = useState<{ id: string; name: string }[]>([]);
  const [activeId, setActiveId] = useState("");
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState("");
  const [teamId, setTeamId] = useState("");
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api<{ items: SavedView[] }>("GET", "/api/views").then(
      (r) => setViews(r.items),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    load();
    // Agents may not list teams; they then save personal views only.
    api<{ items: { id: string; name: string }[] }>("GET", "/api/teams").then(
      (r) => setTeams(r.items),
      () => setTeams([]),
    );
  }, [load]);

  const save = async () => {
    try {
      await api("POST", "/api/views", { name, filters: fromListFilter(filter), teamId: teamId || null });
      setSaving(false);
      setName("");
      setError(null);
      load();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="saved-views" data-testid="saved-views">
      <select
        aria-label={t("views")}
        data-testid="view-select"
        value={activeId}
        onChange={(e) => {
          setActiveId(e.target.value);
          const view = views.find((v) => v.id === e.target.value);
          onApply(view ? toListFilter(view.filters) : EMPTY_FILTER);
        }}
      >
        <option value="">{t("allConversations")}</option>
        {views.map((view) => (
          <option key={view.id} value={view.id}>
            {view.name}
            {view.teamName ? ` · ${view.teamName}` : ""}
          </option>
        ))}
      </select>
      {activeId && (
        <button
          type="button"
          title={t("deleteView")}
          aria-label={t("deleteView")}
          onClick={() =>
            api("DELETE", `/api/views/${activeId}`).then(
              () => {
                setActiveId("");
                load();
              },
              (err: Error) => setError(err.message),
            )
          }
        >
          ×
        </button>
      )}
      <button type="button" data-testid="save-view" onClick={() => setSaving(!saving)}>
        {t("saveView")}
      </button>
      {saving && (
        <div className="row">
          <input
            value={name}
            maxLength={80}
            placeholder={t("viewName")}
            aria-label={t("viewName")}
            onChange={(e) => setName(e.target.value)}
          />
          <select value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">{t("personalView")}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {t("sharedWith", { team: team.name })}
              </option>
            ))}
          </select>
          <button type="button" disabled={!name.trim()} onClick={save}>
            OK
          </button>
        </div>
      )}
      {error && <p className="error">{error}</p>}
    </div>
  );
}
