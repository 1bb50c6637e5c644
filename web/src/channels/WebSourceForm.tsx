import { type FormEvent, useState } from "react";
import { ApiError, api } from "../api.ts";
import { useWebMentionT } from "./webMentionI18n.ts";

const INTERVAL_MINUTES = [5, 15, 30, 60, 360, 1440];

interface Created {
  id: string;
  webhookUrl: string;
  generatedSecrets?: { secret?: string };
}

/**
 * Adds an open-web source: an RSS/Atom feed Parley polls (address, name, how often), or a mention webhook a partner
 * pushes to, whose URL and signing secret are shown once, right after it is made; the secret is never shown again.
 */
export function WebSourceForm({ kind, onDone }: { kind: "feed" | "webhook"; onDone: () => void }) {
  const t = useWebMentionT();
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [minutes, setMinutes] = useState(15);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const settings =
      kind === "feed" ? { kind, url: url.trim(), pollIntervalSeconds: minutes * 60 } : { kind };
    try {
      const answer = await api<Created>("POST", "/api/channels", { platform: "web", name, settings });
      if (kind === "feed") onDone();
      else setCreated(answer);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }

  if (created)
    return (
      <div className="card channel-form" data-testid="mention-webhook-created">
        <p>{t("webhookCreated")}</p>
        <dl>
          <dt>{t("webhookUrl")}</dt>
          <dd>
            <code data-testid="mention-webhook-url">{created.webhookUrl}</code>
          </dd>
          <dt>{t("webhookSecret")}</dt>
          <dd>
            <code data-testid="mention-webhook-secret">{created.generatedSecrets?.secret ?? ""}</code>
          </dd>
        </dl>
        <p className="small warn" role="note">
          {t("secretShownOnce")}
        </p>
        <p className="small muted">{t("signatureHint")}</p>
        <button type="button" className="primary" onClick={onDone}>
          {t("done")}
        </button>
      </div>
    );

  return (
    <form className="card channel-form" onSubmit={submit} data-testid={`web-${kind}-form`}>
      <p className="small muted">{kind === "feed" ? t("feedHint") : t("webhookHint")}</p>
      <label>
        {t("sourceName")}
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          data-testid="web-source-name"
        />
      </label>
      {kind === "feed" && (
        <>
          <label>
            {t("feedUrl")}
            <input
              type="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              required
              placeholder="https://example.com/reviews.rss"
              data-testid="web-feed-url"
            />
          </label>
          <label>
            {t("pollInterval")}
            <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
              {INTERVAL_MINUTES.map((m) => (
                <option key={m} value={m}>
                  {t("everyMinutes", { minutes: m })}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        {t("add")}
      </button>
    </form>
  );
}
