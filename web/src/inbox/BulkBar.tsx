import { useEffect, useState } from "react";
import { api, type User } from "../api.ts";
import { useInboxToolsT } from "./inboxToolsI18n.ts";

interface BulkAnswer {
  succeeded: number;
  failed: number;
}

/** Actions on the selected conversations: one request, and a count of what was done and what was refused. */
export function BulkBar({
  selectedIds,
  onClear,
  onDone,
}: {
  selectedIds: string[];
  onClear: () => void;
  onDone: () => void;
}) {
  const t = useInboxToolsT();
  const [users, setUsers] = useState<User[]>([]);
  const [label, setLabel] = useState("");
  const [outcome, setOutcome] = useState<string | null>(null);
  useEffect(() => {
    api<{ items: User[] }>("GET", "/api/users").then(
      (r) => setUsers(r.items),
      () => undefined,
    );
  }, []);
  if (selectedIds.length === 0) return null;

  const run = async (action: Record<string, unknown>) => {
    try {
      const answer = await api<BulkAnswer>("POST", "/api/conversations/bulk", { ids: selectedIds, action });
      setOutcome(t("bulkDone", { ok: answer.succeeded, failed: answer.failed }));
      onDone();
    } catch (err) {
      setOutcome(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="bulk-bar" data-testid="bulk-bar">
      <strong>{t("selected", { n: selectedIds.length })}</strong>
      <select
        aria-label={t("assignTo")}
        value=""
        onChange={(e) => {
          const value = e.target.value;
          if (value) void run({ kind: "assign", assigneeId: value === "none" ? null : value });
        }}
      >
        <option value="">{t("assignTo")}</option>
        <option value="none">{t("unassign")}</option>
        {users.map((user) => (
          <option key={user.id} value={user.id}>
            {user.name}
          </option>
        ))}
      </select>
      <input
        value={label}
        maxLength={60}
        placeholder={t("labelPlaceholder")}
        aria-label={t("labelPlaceholder")}
        onChange={(e) => setLabel(e.target.value)}
      />
      <button
        type="button"
        disabled={!label.trim()}
        onClick={() => {
          void run({ kind: "label", add: [label.trim()] });
          setLabel("");
        }}
      >
        {t("addLabel")}
      </button>
      <button type="button" data-testid="bulk-resolve" onClick={() => void run({ kind: "resolve" })}>
        {t("resolve")}
      </button>
      <button type="button" onClick={onClear}>
        {t("clear")}
      </button>
      {outcome && (
        <span className="muted small" data-testid="bulk-outcome">
          {outcome}
        </span>
      )}
    </div>
  );
}
