import { type FormEvent, useEffect, useState } from "react";
import { ApiError, api } from "../api.ts";
import { useT } from "../hooks.ts";
import { HighlightedText } from "./HighlightedText.tsx";
import type { Preview, Topic, TopicKind } from "./listeningApi.ts";
import { isListeningKey, useListeningT } from "./listeningI18n.ts";
import { TopicAliasesField } from "./TopicAliasesField.tsx";

const LANGUAGES = ["ru", "pl", "lv", "en"] as const;
type Draft = Omit<Topic, "id">;
const EMPTY: Draft = {
  name: "",
  kind: "brand",
  query: "",
  languages: [],
  sources: [],
  extraVariants: {},
  excludedVariants: [],
  aliases: [],
  enabled: true,
};

/** Shows where in the query the parser stopped, so the fix is obvious. */
function QueryError({
  query,
  error,
}: {
  query: string;
  error: { message: string; position?: number; length?: number };
}) {
  const at = error.position ?? -1;
  return (
    <div className="query-error" role="alert" data-testid="query-error" data-position={at}>
      <p className="error">{error.message}</p>
      {at >= 0 && (
        <pre>
          {query.slice(0, at)}
          <mark>{query.slice(at, at + Math.max(error.length ?? 1, 1)) || " "}</mark>
          {query.slice(at + Math.max(error.length ?? 1, 1))}
        </pre>
      )}
    </div>
  );
}

export function TopicEditor({
  topic,
  onSaved,
  onCancel,
}: {
  topic: Topic | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const lt = useListeningT();
  const kindLabel = (kind: string) => {
    const key = `variantKind_${kind}`;
    return isListeningKey(key) ? lt(key) : t(key as "variantKind_original");
  };
  // Topics saved before aliases existed come without them.
  const [draft, setDraft] = useState<Draft>(topic ? { ...topic, aliases: topic.aliases ?? [] } : EMPTY);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<{ message: string; position?: number; length?: number } | null>(null);
  const [newVariant, setNewVariant] = useState<Record<string, string>>({});

  // The preview follows the draft: variants and recent hits update as the team types.
  useEffect(() => {
    if (!draft.query.trim()) {
      setPreview(null);
      setError(null);
      return;
    }
    const timer = setTimeout(() => {
      api<Preview>("POST", "/api/listening/preview", draft).then(
        (answer) => {
          setPreview(answer);
          setError(null);
        },
        (err: unknown) => {
          setPreview(null);
          if (err instanceof ApiError) {
            const { position, length } = (err.details ?? {}) as { position?: number; length?: number };
            setError({ message: err.message, position, length });
          } else setError({ message: String(err) });
        },
      );
    }, 300);
    return () => clearTimeout(timer);
  }, [draft]);

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      if (topic) await api("PUT", `/api/listening/topics/${topic.id}`, draft);
      else await api("POST", "/api/listening/topics", draft);
      onSaved();
    } catch (err) {
      setError({ message: err instanceof ApiError ? err.message : String(err) });
    }
  }

  const excluded = new Set(draft.excludedVariants);
  const toggleVariant = (text: string) =>
    setDraft({
      ...draft,
      excludedVariants: excluded.has(text)
        ? draft.excludedVariants.filter((v) => v !== text)
        : [...draft.excludedVariants, text],
    });
  const addVariant = (term: string) => {
    const value = newVariant[term]?.trim();
    if (!value) return;
    setDraft({
      ...draft,
      extraVariants: { ...draft.extraVariants, [term]: [...(draft.extraVariants[term] ?? []), value] },
    });
    setNewVariant({ ...newVariant, [term]: "" });
  };

  return (
    <form className="card topic-editor" onSubmit={save} data-testid="topic-editor">
      <div className="row">
        <label>
          {t("topicName")}
          <input
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            required
            data-testid="topic-name"
          />
        </label>
        <label>
          {t("topicKind")}
          <select
            value={draft.kind}
            onChange={(e) => setDraft({ ...draft, kind: e.target.value as TopicKind })}
          >
            {(["brand", "product", "competitor", "other"] as const).map((k) => (
              <option key={k} value={k}>
                {t(`topicKind_${k}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t("query")}
        <textarea
          data-testid="topic-query"
          value={draft.query}
          rows={3}
          spellCheck={false}
          onChange={(e) => setDraft({ ...draft, query: e.target.value })}
          placeholder='nordmart OR "nord mart" OR #nordmart OR @nordmart NOT job'
          required
        />
      </label>
      <p className="muted small">{t("queryHelp")}</p>
      <TopicAliasesField aliases={draft.aliases} onChange={(aliases) => setDraft({ ...draft, aliases })} />
      <fieldset className="languages">
        <legend>{t("languagesFilter")}</legend>
        {LANGUAGES.map((l) => (
          <label key={l} className="inline">
            <input
              type="checkbox"
              checked={draft.languages.includes(l)}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  languages: e.target.checked
                    ? [...draft.languages, l]
                    : draft.languages.filter((x) => x !== l),
                })
              }
            />
            {l}
          </label>
        ))}
      </fieldset>
      <label>
        {t("sourcesFilter")}
        <input
          value={draft.sources.join(", ")}
          placeholder="facebook, instagram, telegram"
          onChange={(e) =>
            setDraft({
              ...draft,
              sources: e.target.value
                .split(",")
                .map((s) => s.trim())
                .filter(Boolean),
            })
          }
        />
      </label>
      {error && <QueryError query={draft.query} error={error} />}
      {preview && (
        <div className="preview" data-testid="topic-preview">
          <h4>{t("variants")}</h4>
          {preview.terms.map((term) => (
            <div key={term.term} className="term" data-testid="term-variants">
              <strong>{term.term}</strong>
              {term.alias && <span className="muted small"> ({lt("aliasTerm")})</span>}
              <div className="variants">
                {term.variants.map((v) => (
                  <button
                    type="button"
                    key={`${v.kind}:${v.text}`}
                    className={`chip variant ${v.kind} ${excluded.has(v.text) ? "excluded" : ""}`}
                    title={`${kindLabel(v.kind)} — ${t("excludeVariant")}`}
                    data-testid="variant"
                    onClick={() => toggleVariant(v.text)}
                  >
                    {v.text}
                  </button>
                ))}
                {(draft.extraVariants[term.term] ?? []).map((v) => (
                  <span key={`extra:${v}`} className="chip variant nickname">
                    {v}
                  </span>
                ))}
                <input
                  className="add-variant"
                  placeholder={t("addVariant")}
                  value={newVariant[term.term] ?? ""}
                  onChange={(e) => setNewVariant({ ...newVariant, [term.term]: e.target.value })}
                  onKeyDown={(e) => {
                    if (e.key === "Enter") {
                      e.preventDefault();
                      addVariant(term.term);
                    }
                  }}
                />
              </div>
            </div>
          ))}
          <h4>
            {t("preview")} ({preview.matches.length} / {preview.scanned})
          </h4>
          {preview.matches.length === 0 && <p className="muted">{t("previewNone")}</p>}
          <ul className="preview-matches">
            {preview.matches.map((m) => (
              <li key={m.messageId} data-testid="preview-match">
                <HighlightedText text={m.text} hits={m.hits} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="row">
        <button type="submit" className="primary" data-testid="topic-save" disabled={error !== null}>
          {t("saveTopic")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
