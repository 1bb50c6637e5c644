import { useCallback, useEffect, useState } from "react";
import { api } from "../api.ts";
import { errorText } from "../components/errorText.ts";
import { useLocaleFormat } from "../localeFormat.ts";
import { SNOOZE_PRESETS, type SnoozePreset, snoozeUntil } from "./snoozePresets.ts";
import { useSurveysT } from "./surveysI18n.ts";

interface FollowUp {
  id: string;
  kind: string;
  status: string;
  dueAt: string;
}

/**
 * Snooze with presets: the conversation waits as pending and comes back to its assignee at that time. Shows
 * the running snooze with a button to wake it now.
 */
export function SnoozeControl({
  conversationId,
  status,
  onChanged,
}: {
  conversationId: string;
  status: string;
  onChanged: () => void;
}) {
  const t = useSurveysT();
  const format = useLocaleFormat();
  const [snooze, setSnooze] = useState<FollowUp | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const answer = await api<{ items: FollowUp[] }>("GET", `/api/conversations/${conversationId}/follow-ups`);
    setSnooze(answer.items.find((f) => f.kind === "snooze" && f.status === "pending") ?? null);
  }, [conversationId]);
  // Reload when the status moves: a snooze that ended turns the conversation open.
  // biome-ignore lint/correctness/useExhaustiveDependencies: status is the reason to look again
  useEffect(() => {
    load().catch((err: unknown) => setError(errorText(err)));
  }, [load, status]);

  async function choose(preset: SnoozePreset | "") {
    if (!preset) return;
    try {
      await api("POST", `/api/conversations/${conversationId}/snooze`, {
        until: snoozeUntil(preset, new Date()).toISOString(),
      });
      await load();
      onChanged();
    } catch (err) {
      setError(errorText(err));
    }
  }

  async function wake() {
    try {
      await api("DELETE", `/api/conversations/${conversationId}/snooze`);
      await load();
      onChanged();
    } catch (err) {
      setError(errorText(err));
    }
  }

  if (status === "resolved") return null;
  return (
    <span className="snooze" data-testid="snooze">
      {snooze ? (
        <>
          <span className="muted">{t("snoozedUntil", { time: format.dateTime(snooze.dueAt) })}</span>{" "}
          <button type="button" onClick={wake}>
            {t("unsnooze")}
          </button>
        </>
      ) : (
        <select
          aria-label={t("snooze")}
          data-testid="snooze-select"
          value=""
          onChange={(e) => void choose(e.target.value as SnoozePreset | "")}
        >
          <option value="">{t("snoozeFor")}</option>
          {SNOOZE_PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {t(`preset_${preset}`)}
            </option>
          ))}
        </select>
      )}
      {error && <span className="error">{error}</span>}
    </span>
  );
}
