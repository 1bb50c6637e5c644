import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, type Me } from "../api.ts";
import type { Team } from "../settings/settingsApi.ts";
import { useInboxFiltersT } from "./inboxFiltersI18n.ts";
import { useInboxToolsT } from "./inboxToolsI18n.ts";
import { EMPTY_FILTER, type ListFilter, sameFilter, setFilters, toListFilter } from "./listFilter.ts";

interface SavedView {
  id: string;
  name: string;
  filters: Record<string, string | string[]>;
  teamId: string | null;
  teamName: string | null;
  ownerUserId: string;
}

const VIEWS_QUERY = ["/api/views"];

/** The owner removes a view; supervisors and admins a shared one too (as the server decides). */
function mayDelete(me: Me, view: SavedView): boolean {
  return view.ownerUserId === me.user.id || (view.teamId !== null && me.user.role !== "agent");
}

/**
 * The saved views in the inbox: pick one to apply its filters, save the current ones, share them with a team.
 * The view shown as chosen is the one whose filters the URL holds, so a reload or a shared link keeps it.
 * Agents share with their own teams only; supervisors and admins with any.
 */
export function SavedViews({
  me,
  filter,
  onApply,
}: {
  me: Me;
  filter: ListFilter;
  onApply: (filter: ListFilter) => void;
}) {
  const t = useInboxToolsT();
  const ft = useInboxFiltersT();
  const queryClient = useQueryClient();
  const views =
    useQuery({
      queryKey: VIEWS_QUERY,
      queryFn: () => api<{ items: SavedView[] }>("GET", "/api/views"),
    }).data?.items ?? [];
  const teams =
    useQuery({
      queryKey: ["/api/teams"],
      queryFn: () => api<{ items: Team[] }>("GET", "/api/teams"),
    }).data?.items ?? [];
  const shareable =
    me.user.role === "agent" ? teams.filter((team) => team.memberIds.includes(me.user.id)) : teams;
  const active = views.find((view) => sameFilter(toListFilter(view.filters), filter)) ?? null;
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState("");
  const [teamId, setTeamId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const reload = () => void queryClient.invalidateQueries({ queryKey: VIEWS_QUERY });

  const save = async () => {
    try {
      await api("POST", "/api/views", { name, filters: setFilters(filter), teamId: teamId || null });
      setSaving(false);
      setName("");
      setError(null);
      reload();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="saved-views" data-testid="saved-views">
      <select
        aria-label={t("views")}
        data-testid="view-select"
        value={active?.id ?? ""}
        onChange={(e) => {
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
      {active && mayDelete(me, active) && (
        <button
          type="button"
          title={t("deleteView")}
          aria-label={t("deleteView")}
          onClick={() =>
            api("DELETE", `/api/views/${active.id}`).then(reload, (err: Error) => setError(err.message))
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
            data-testid="view-name"
            placeholder={t("viewName")}
            aria-label={t("viewName")}
            onChange={(e) => setName(e.target.value)}
          />
          <select
            aria-label={ft("shareWith")}
            data-testid="view-team"
            value={teamId}
            onChange={(e) => setTeamId(e.target.value)}
          >
            <option value="">{t("personalView")}</option>
            {shareable.map((team) => (
              <option key={team.id} value={team.id}>
                {t("sharedWith", { team: team.name })}
              </option>
            ))}
          </select>
          <button type="button" data-testid="view-save" disabled={!name.trim()} onClick={save}>
            OK
          </button>
        </div>
      )}
      {error && <p className="error">{error}</p>}
    </div>
  );
}
