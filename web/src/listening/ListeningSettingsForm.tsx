import { type FormEvent, useEffect, useState } from "react";
import { ApiError, api } from "../api.ts";
import { useT } from "../hooks.ts";
import type { ListeningSettings } from "./listeningApi.ts";

export function ListeningSettingsForm() {
  const t = useT();
  const [settings, setSettings] = useState<ListeningSettings | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    api<ListeningSettings>("GET", "/api/listening/settings").then(setSettings, () => undefined);
  }, []);
  if (!settings) return null;
  const number = (key: keyof ListeningSettings) => (e: { target: { value: string } }) =>
    setSettings({ ...settings, [key]: Number(e.target.value) });
  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      setSettings(await api<ListeningSettings>("PUT", "/api/listening/settings", settings));
      setMessage(t("saved"));
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : String(err));
    }
  }
  return (
    <form className="card settings" onSubmit={save}>
      <label>
        {t("minReach")}
        <input type="number" min={0} value={settings.minReach} onChange={number("minReach")} />
      </label>
      <label className="inline">
        <input
          type="checkbox"
          checked={settings.ticketOnNegative}
          onChange={(e) => setSettings({ ...settings, ticketOnNegative: e.target.checked })}
        />
        {t("ticketOnNegative")}
      </label>
      <label className="inline">
        <input
          type="checkbox"
          checked={settings.ticketOnQuestion}
          onChange={(e) => setSettings({ ...settings, ticketOnQuestion: e.target.checked })}
        />
        {t("ticketOnQuestion")}
      </label>
      <label>
        {t("spikeWindow")}
        <input
          type="number"
          min={1}
          value={settings.spikeWindowMinutes}
          onChange={number("spikeWindowMinutes")}
        />
      </label>
      <label>
        {t("spikeMinCount")}
        <input type="number" min={1} value={settings.spikeMinCount} onChange={number("spikeMinCount")} />
      </label>
      <label>
        {t("spikeFactor")}
        <input type="number" min={2} value={settings.spikeFactor} onChange={number("spikeFactor")} />
      </label>
      <label>
        {t("alertWebhookUrl")}
        <input
          type="url"
          value={settings.alertWebhookUrl ?? ""}
          onChange={(e) => setSettings({ ...settings, alertWebhookUrl: e.target.value || null })}
        />
      </label>
      <button type="submit" className="primary">
        {t("save")}
      </button>
      {message && <span className="small">{message}</span>}
    </form>
  );
}
