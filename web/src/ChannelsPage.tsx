import { Link } from "@tanstack/react-router";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { ApiError, api, type Channel, type Me, type Publication } from "./api.ts";
import { PlatformBadge } from "./ConversationList.tsx";
import { ChannelHealth } from "./channels/ChannelHealth.tsx";
import { useChannelHealthPageT } from "./channels/channelHealthPageI18n.ts";
import { type EmailKey, useEmailT } from "./channels/emailI18n.ts";
import { useViberT, type ViberKey } from "./channels/viberI18n.ts";
import { WebSourceForm } from "./channels/WebSourceForm.tsx";
import { useWebMentionT } from "./channels/webMentionI18n.ts";
import { XConnectButton } from "./channels/XConnectButton.tsx";
import { useXChannelT, type XChannelKey } from "./channels/xChannelI18n.ts";
import { generateSecret } from "./format.ts";
import { useLiveEvents, useT } from "./hooks.ts";

type Platform = "telegram" | "vk" | "facebook" | "instagram" | "whatsapp" | "viber" | "email" | "x";
/** The open web's two kinds of source, chosen in the same list; each has its own form (WebSourceForm). */
type Source = Platform | "web_feed" | "web_webhook";

interface Field {
  name: string;
  label:
    | Parameters<ReturnType<typeof useT>>[0]
    | { viber: ViberKey }
    | { email: EmailKey }
    | { x: XChannelKey };
  secret?: boolean;
  multiline?: boolean;
  generate?: boolean;
  options?: string[];
  required?: boolean;
  placeholder?: string;
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
  instagram: [
    { name: "appId", label: "appId", required: true },
    { name: "appSecret", label: "appSecret", secret: true, required: true },
    { name: "verifyToken", label: "verifyToken", secret: true, generate: true, required: true },
    { name: "accountId", label: "instagramAccountId", required: true },
    { name: "accessToken", label: "systemUserToken", secret: true, required: true },
    { name: "loginModel", label: "loginModel", options: ["facebook", "instagram"] },
  ],
  whatsapp: [
    { name: "appId", label: "appId", required: true },
    { name: "appSecret", label: "appSecret", secret: true, required: true },
    { name: "verifyToken", label: "verifyToken", secret: true, generate: true, required: true },
    { name: "accountId", label: "phoneNumberId", required: true },
    { name: "businessAccountId", label: "businessAccountId", required: true },
    { name: "accessToken", label: "systemUserToken", secret: true, required: true },
  ],
  viber: [
    { name: "authToken", label: { viber: "field_authToken" }, secret: true, required: true },
    { name: "senderName", label: { viber: "field_senderName" }, required: true },
    { name: "senderAvatar", label: { viber: "field_senderAvatar" } },
    { name: "welcomeMessage", label: { viber: "field_welcomeMessage" }, multiline: true },
  ],
  x: [
    { name: "accountId", label: { x: "field_accountId" }, required: true },
    { name: "username", label: { x: "field_username" }, required: true },
    { name: "mentions", label: { x: "field_mentions" }, options: ["polling", "stream"] },
    { name: "directMessages", label: { x: "field_directMessages" }, options: ["polling", "webhook", "off"] },
    { name: "clientId", label: { x: "field_clientId" } },
    { name: "clientSecret", label: { x: "field_clientSecret" }, secret: true },
    { name: "bearerToken", label: { x: "field_bearerToken" }, secret: true },
    { name: "appId", label: { x: "field_appId" } },
    { name: "consumerKey", label: { x: "field_consumerKey" } },
    { name: "consumerSecret", label: { x: "field_consumerSecret" }, secret: true },
    { name: "oauthToken", label: { x: "field_oauthToken" } },
    { name: "oauthTokenSecret", label: { x: "field_oauthTokenSecret" }, secret: true },
  ],
  email: [
    { name: "address", label: { email: "field_address" }, required: true },
    { name: "fromName", label: { email: "field_fromName" } },
    { name: "imapHost", label: { email: "field_imapHost" }, required: true },
    { name: "imapPort", label: { email: "field_imapPort" }, placeholder: "993" },
    { name: "imapTls", label: { email: "field_imapTls" }, options: ["true", "false"] },
    { name: "imapUser", label: { email: "field_imapUser" }, required: true },
    { name: "imapPassword", label: { email: "field_imapPassword" }, secret: true, required: true },
    { name: "imapFolder", label: { email: "field_imapFolder" }, placeholder: "INBOX" },
    { name: "smtpHost", label: { email: "field_smtpHost" }, required: true },
    { name: "smtpPort", label: { email: "field_smtpPort" }, placeholder: "465" },
    { name: "smtpTls", label: { email: "field_smtpTls" }, options: ["true", "false"] },
    { name: "smtpUser", label: { email: "field_smtpUser" } },
    { name: "smtpPassword", label: { email: "field_smtpPassword" }, secret: true },
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
  const tv = useViberT();
  const te = useEmailT();
  const tx = useXChannelT();
  const labelOf = (field: Field) =>
    typeof field.label === "string"
      ? t(field.label)
      : "viber" in field.label
        ? tv(field.label.viber)
        : "x" in field.label
          ? tx(field.label.x)
          : te(field.label.email);
  const tw = useWebMentionT();
  const [source, setSource] = useState<Source>("telegram");
  const [name, setName] = useState("");
  const [apiBaseUrl, setApiBaseUrl] = useState("");
  const [values, setValues] = useState<Record<string, string>>({ mode: "webhook" });
  const [error, setError] = useState<string | null>(null);

  const [testResult, setTestResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [testing, setTesting] = useState(false);

  const sourceSelect = (
    <label>
      {t("platform")}
      <select
        value={source}
        data-testid="channel-platform"
        onChange={(e) => setSource(e.target.value as Source)}
      >
        <option value="telegram">Telegram</option>
        <option value="vk">VK</option>
        <option value="facebook">Facebook Page + Messenger</option>
        <option value="instagram">Instagram</option>
        <option value="whatsapp">WhatsApp Cloud API</option>
        <option value="viber">Viber</option>
        <option value="x">X (Twitter)</option>
        <option value="email">E-mail (IMAP + SMTP)</option>
        <option value="web_feed">{tw("sourceFeed")}</option>
        <option value="web_webhook">{tw("sourceWebhook")}</option>
      </select>
    </label>
  );
  if (source === "web_feed" || source === "web_webhook")
    return (
      <div>
        <div className="card channel-form">{sourceSelect}</div>
        <WebSourceForm key={source} kind={source === "web_feed" ? "feed" : "webhook"} onDone={onDone} />
      </div>
    );
  const platform: Platform = source;

  function currentSettings(): Record<string, string | boolean> {
    const settings: Record<string, string | boolean> = {};
    for (const field of FIELDS[platform]) {
      const value = (values[field.name] ?? (field.options ? field.options[0] : undefined))?.trim();
      if (!value) continue;
      // The e-mail form's TLS switches are booleans on the server.
      settings[field.name] = platform === "email" && field.options ? value === "true" : value;
    }
    return settings;
  }

  async function testConnection() {
    setTesting(true);
    setTestResult(null);
    try {
      const result = await api<{ ok: boolean; step?: string; message?: string }>(
        "POST",
        "/api/channels/test-connection",
        { platform, settings: currentSettings() },
      );
      setTestResult(
        result.ok
          ? { ok: true, text: te("connectionWorks") }
          : {
              ok: false,
              text: te("connectionFailed", {
                step: te(`step_${result.step ?? "settings"}` as EmailKey),
                message: result.message ?? "",
              }),
            },
      );
    } catch (err) {
      setTestResult({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    } finally {
      setTesting(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const settings = currentSettings();
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
      {sourceSelect}
      {platform === "x" && (
        <p className="small muted" data-testid="x-setup-hint">
          {tx("setupHint")}
        </p>
      )}
      {platform === "viber" && (
        <p className="small muted" data-testid="viber-setup-hint">
          {tv("setupHint")}
        </p>
      )}
      {platform === "email" && (
        <p className="small muted" data-testid="email-setup-hint">
          {te("setupHint")}
        </p>
      )}
      <label>
        {t("name")}
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      {FIELDS[platform].map((field) => (
        <label key={field.name} htmlFor={`channel-${field.name}`}>
          {labelOf(field)}
          <span className="inline">
            {field.multiline ? (
              <textarea
                id={`channel-${field.name}`}
                rows={3}
                value={values[field.name] ?? ""}
                required={field.required}
                title={field.name === "welcomeMessage" ? tv("welcomeHint") : undefined}
                onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
              />
            ) : field.options ? (
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
                placeholder={field.placeholder}
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
      {platform !== "email" && (
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
                instagram: "https://graph.facebook.com",
                whatsapp: "https://graph.facebook.com",
                viber: "https://chatapi.viber.com",
                x: "https://api.x.com",
              }[platform as Exclude<Platform, "email">]
            }
          />
        </label>
      )}
      {platform === "email" && (
        <p>
          <button
            type="button"
            data-testid="test-connection"
            disabled={testing}
            onClick={() => void testConnection()}
          >
            {testing ? te("testing") : te("testConnection")}
          </button>{" "}
          {testResult && (
            <span
              className={testResult.ok ? "small" : "error small"}
              role="status"
              data-testid="connection-result"
            >
              {testResult.text}
            </span>
          )}
        </p>
      )}
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

/** A revoked or expired token is replaced here; the other credentials stay sealed on the server. */
function ReauthoriseForm({ channel, onDone }: { channel: Channel; onDone: () => void }) {
  const t = useT();
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const field =
    { telegram: "botToken", viber: "authToken", email: "imapPassword" }[
      channel.platform as "telegram" | "viber" | "email"
    ] ?? "accessToken";
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await api("PATCH", `/api/channels/${channel.id}`, { settings: { [field]: token.trim() } });
      setToken("");
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }
  return (
    <form className="inline-form" onSubmit={submit} data-testid="reauthorise-form">
      <p className="small">{t("reauthHint")}</p>
      <input
        type="password"
        autoComplete="off"
        aria-label={t("newAccessToken")}
        placeholder={t("newAccessToken")}
        value={token}
        onChange={(e) => setToken(e.target.value)}
        required
      />
      <button type="submit">{t("reauthorise")}</button>
      {error && <span className="error small">{error}</span>}
    </form>
  );
}

/** New page posts go out through the outbox like replies; their state is listed with them. */
function PublishForm({ channel }: { channel: Channel }) {
  const t = useT();
  const [text, setText] = useState("");
  const [posts, setPosts] = useState<Publication[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      api<{ items: Publication[] }>("GET", `/api/channels/${channel.id}/posts`).then(
        (r) => setPosts(r.items),
        () => undefined,
      ),
    [channel.id],
  );
  useEffect(() => {
    void load();
  }, [load]);
  useLiveEvents((events) => {
    if (events.length === 0 || events.some((e) => e.type === "channel.updated")) void load();
  });
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api("POST", `/api/channels/${channel.id}/posts`, { text });
      setText("");
      void load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }
  return (
    <details className="publish">
      <summary>{t("publishPost")}</summary>
      <form onSubmit={submit}>
        <textarea
          aria-label={t("postText")}
          placeholder={t("postText")}
          value={text}
          rows={3}
          onChange={(e) => setText(e.target.value)}
          required
        />
        <button type="submit" className="primary">
          {t("publish")}
        </button>
        {error && <span className="error small">{error}</span>}
      </form>
      {posts.length > 0 && (
        <ul className="publications" aria-label={t("publishedPosts")}>
          {posts.map((p) => (
            <li key={p.id}>
              <span className={`delivery ${p.status}`}>{p.status}</span> {p.text}
              {p.error && <span className="error small"> {p.error}</span>}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

export function ChannelsPage({ me }: { me: Me }) {
  const t = useT();
  const healthT = useChannelHealthPageT();
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
    if (events.length === 0 || events.some((e) => e.type === "channel.updated")) void load();
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
                <span className={`status ${c.status}`} data-testid="channel-status">
                  {t(`channelStatus_${c.status}`)}
                </span>
                {c.statusReason && <div className="error small">{c.statusReason}</div>}
                <ChannelHealth channel={c} onChanged={() => void load()} />
                {me.user.role === "admin" && (
                  <Link
                    to="/channels/$channelId"
                    params={{ channelId: c.id }}
                    data-testid="channel-health-link"
                  >
                    {healthT("healthLink")}
                  </Link>
                )}
                {c.platform === "x" && me.user.role === "admin" && (
                  <XConnectButton channelId={c.id} connected={c.secretsSet.includes("accessToken")} />
                )}
                {c.status === "needs_reauth" && <ReauthoriseForm channel={c} onDone={() => void load()} />}
                {c.capabilities?.publishing && <PublishForm channel={c} />}
              </td>
              <td className="small">
                {c.secretsSet.map((s) => (
                  <span key={s} className="chip">
                    {s}: {t("secretSet")}
                  </span>
                ))}
              </td>
              <td className="small">
                {c.platform === "web" && c.settings.kind === "feed" ? (
                  // A feed is polled, not pushed to: its address is what matters, shown as text.
                  <code>{String(c.settings.url ?? "")}</code>
                ) : (
                  <>
                    <code>{c.webhookUrl}</code>{" "}
                    <button type="button" onClick={() => void navigator.clipboard?.writeText(c.webhookUrl)}>
                      {t("copy")}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
