import { useState } from "react";
import { api } from "../api.ts";
import { errorText } from "../components/errorText.ts";
import type { DraftCheck, RenderedReply, Suggestion } from "./playbookApi.ts";
import { isPlaybookKey, usePlaybookT } from "./playbookI18n.ts";
import "./playbook.css";

const QUOTES: Record<string, [string, string]> = {
  ru: ["«", "»"],
  pl: ["„", "”"],
  lv: ["“", "”"],
  en: ["“", "”"],
};

/** An article goes into a reply as its title, its opening and, when it is public, the link to read on. */
function articleQuote(suggestion: Suggestion): string {
  const [open, close] = QUOTES[suggestion.language] ?? ["“", "”"];
  const quote = `${open}${suggestion.title}${close}: ${suggestion.excerpt}`;
  return suggestion.faqUrl ? `${quote}\n${suggestion.faqUrl}` : quote;
}

interface Props {
  conversationId: string;
  check: DraftCheck | null;
  /** The draft as it is now: a placeholder the agent has filled in is no longer listed as missing. */
  text: string;
  /** The reply's current visibility: the personal-data warning applies to public replies only. */
  visibility: "public" | "private";
  onInsert: (text: string) => void;
  /** Present when the thread allows a private reply. */
  onSwitchPrivate: (() => void) | null;
}

/**
 * What the composer offers under the reply box: canned replies and articles that fit, a warning when a
 * public reply carries personal data, and plainer wording for stiff phrases. All text is rendered as text.
 */
export function ReplyAssist({ conversationId, check, text, visibility, onInsert, onSwitchPrivate }: Props) {
  const pt = usePlaybookT();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  if (!check) return null;

  async function use(suggestion: Suggestion) {
    setError(null);
    if (suggestion.kind === "article") {
      setMissing([]);
      onInsert(articleQuote(suggestion));
      return;
    }
    setBusyId(suggestion.id);
    try {
      const rendered = await api<RenderedReply>(
        "POST",
        `/api/playbook/canned-replies/${suggestion.id}/render`,
        { conversationId },
      );
      setMissing(rendered.missing);
      onInsert(rendered.text);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusyId(null);
    }
  }

  const { personalData, plainLanguage, suggestions } = check;
  const unfilled = missing.filter((name) => text.includes(`[${name}]`));
  const showPii = visibility === "public" && personalData.publicThread && personalData.findings.length > 0;
  const kindName = (kind: string) => {
    const key = `pii_${kind}`;
    return isPlaybookKey(key) ? pt(key) : kind;
  };
  const plainName = (kind: string) => {
    const key = `plain_${kind}`;
    return isPlaybookKey(key) ? pt(key) : kind;
  };

  return (
    <div className="reply-assist" data-testid="reply-assist">
      {showPii && (
        <div className="assist-warning" role="alert" data-testid="pii-warning">
          <strong>{pt("piiTitle")}</strong>
          {personalData.advice && <p>{personalData.advice}</p>}
          <p className="small">
            {pt("piiFound", {
              items: personalData.findings.map((f) => `${kindName(f.kind)} (${f.excerpt})`).join(", "),
            })}
          </p>
          {onSwitchPrivate && (
            <button type="button" data-testid="pii-switch-private" onClick={onSwitchPrivate}>
              {pt("switchPrivate")}
            </button>
          )}
        </div>
      )}
      {plainLanguage.length > 0 && (
        <section className="assist-plain" aria-label={pt("plainTitle")}>
          <strong>{pt("plainTitle")}</strong>
          <ul>
            {plainLanguage.map((issue) => (
              <li
                key={`${issue.start}-${issue.kind}`}
                data-testid="plain-language-flag"
                data-kind={issue.kind}
              >
                <span className="chip">{plainName(issue.kind)}</span> <q>{issue.phrase}</q> —{" "}
                {pt("plainInstead", { suggestion: issue.suggestion })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {suggestions.length > 0 && (
        <section className="assist-suggestions" aria-label={pt("suggestions")}>
          <span className="muted small">{pt("suggestions")}:</span>
          {suggestions.map((s) => (
            <button
              key={s.id}
              type="button"
              className={`suggestion ${s.kind}`}
              data-testid="reply-suggestion"
              data-kind={s.kind}
              title={s.reason}
              disabled={busyId !== null}
              onClick={() => void use(s)}
            >
              <span className="suggestion-kind">
                {pt(s.kind === "canned" ? "kind_canned" : "kind_article")}
              </span>{" "}
              {busyId === s.id ? pt("inserting") : s.title}
              {s.usageMismatch && <span className="suggestion-warn"> · {pt("privateOnly")}</span>}
            </button>
          ))}
        </section>
      )}
      {unfilled.length > 0 && (
        <p className="hint" data-testid="canned-missing">
          {pt("fillIn", { names: unfilled.map((m) => `[${m}]`).join(", ") })}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
