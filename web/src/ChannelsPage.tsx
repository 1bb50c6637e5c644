import { type FormEvent, useCallback, useEffect, useState } from "react";
import { ApiError, api, type Channel, type Me } from "./api.ts";
import { PlatformBadge } from "./ConversationList.tsx";
import { generateSecret } from "./format.ts";
import { useLiveEvents, useT } from "./hooks.ts";

type Platform = "telegram" | "vk" | "facebook";

interface Field {
  name: string;
  label: Parameters<ReturnType<typeof useT>>[0];
  secret?: boolean;
  generate?: boolean;
  options?: string[];
  required?: boolean;
}

const FIELDS: Record<Platform, Field[]> = {
  telegram: [
    { name: "botToken", label: "botToken", secret: true, required: true },
    { name: "webhookSecret", label: "webhookSecret", secret: true, generate: true, required: true },
    { name: "mode", label: "mode", options: ["webhook", "polling"] },
    { name: "botUsername", label: "botUsername" },
  ],
  facebook: [
    { name: "appId", label: "appId", required: true },
    { name: "appSecret", label: "appSecret", secret: true, required: true },
    { name: "verifyToken", label: "verifyToken", secret: true, generate: true, required: true },
    { name: "accountId", label: "pageId", required: true },
    { name: "accessToken", label: "pageAccessToken", secret: true, required: true },
  ],
  vk: [
    { name: "groupId", label: "groupId", required: true },
    { name: "accessToken", label: "accessToken", secret: true, required: true },
    { name: "secretKey", label: "secretKey", secret: true, generate: true, required: true },
    { name: "confirmationCode", label: "confirmationCode", required: true },
  ],
};

function AddChannelForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const [platform, setPlatform] = useState<Platform>("telegram");
  const [name, setName] = useState("");
  const [apiBaseUrl, setApiBaseUrl] = useState("");
  const [values, setValues] = useState<Record<string, string>>({ mode: "webhook" });
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const settings: Record<string, string> = {};
    for (const field of FIELDS[platform]) {
      const value = values[field.name]?.trim();
      if (value) settings[field.name] = value;
    }
    try {
      await api("POST", "/api/channels", { platform, name, settings, ...(apiBaseUrl ? { apiBaseUrl } : {}) });
      // Secrets live only on the server from now on.
      setValues({ mode: "webhook" });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }

  return (
    <form className="card channel-form" onSubmit={submit}>
      <label>
        {t("platform")}
        <select value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
          <option value="telegram">Telegram</option>
          <option value="vk">VK</option>
          <option value="facebook">Facebook Page</option>
        </select>
      </label>
      <label>
        {t("name")}
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      {FIELDS[platform].map((field) => (
        <label key={field.name} htmlFor={`channel-${field.name}`}>
          {t(field.label)}
          <span className="inline">
            {field.options ? (
              <select
                id={`channel-${field.name}`}
                value={values[field.name] ?? field.options[0]}
                onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
              >
                {field.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={`channel-${field.name}`}
                type={field.secret ? "password" : "text"}
                autoComplete="off"
                value={values[field.name] ?? ""}
                required={field.required}
                onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
              />
            )}
            {field.generate && (
              <button type="button" onClick={() => setValues({ ...values, [field.name]: generateSecret() })}>
                {t("generate")}
              </button>
            )}
          </span>
        </label>
      ))}
      <label>
        {t("apiBaseUrl")}
        <input
          type="url"
          value={apiBaseUrl}
          onChange={(e) => setApiBaseUrl(e.target.value)}
          placeholder={
            {
              vk: "https://api.vk.com",
              telegram: "https://api.telegram.org",
              facebook: "https://graph.facebook.com",
            }[platform]
          }
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        {t("save")}
      </button>
    </form>
  );
}

export function ChannelsPage({ me }: { me: Me }) {
  const t = useT();
  const [channels, setChannels] = useState<Channel[]>([]);
  const [adding, setAdding] = useState(false);
  const load = useCallback(
    () =>
      api<{ items: Channel[] }>("GET", "/api/channels").then(
        (r) => setChannels(r.items),
        () => undefined,
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  useLiveEvents((events) => {
    if (events.some((e) => e.type === "channel.updated")) void load();
  });

  if (me.user.role !== "admin") return <main className="page">{t("adminsOnly")}</main>;
  return (
    <main className="page">
      <header className="page-header">
        <h2>{t("channels")}</h2>
        <button
          type="button"
          data-testid="add-channel"
          className="primary"
          onClick={() => setAdding(!adding)}
        >
          {adding ? t("cancel") : t("addChannel")}
        </button>
      </header>
      {adding && (
        <AddChannelForm
          onDone={() => {
            setAdding(false);
            void load();
          }}
        />
      )}
      <table className="channels">
        <tbody>
          {channels.map((c) => (
            <tr key={c.id} className={c.status}>
              <td>
                <PlatformBadge platform={c.platform} /> {c.name}
              </td>
              <td>
                <span className={`status ${c.status}`}>{t(`channelStatus_${c.status}`)}</span>
                {c.statusReason && <div className="error small">{c.statusReason}</div>}
              </td>
              <td className="small">
                {c.secretsSet.map((s) => (
                  <span key={s} className="chip">
                    {s}: {t("secretSet")}
                  </span>
                ))}
              </td>
              <td className="small">
                <code>{c.webhookUrl}</code>{" "}
                <button type="button" onClick={() => void navigator.clipboard?.writeText(c.webhookUrl)}>
                  {t("copy")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
