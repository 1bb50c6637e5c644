import { type FormEvent, useRef, useState } from "react";
import { api } from "../api.ts";
import { ApiProblems } from "./ApiProblems.tsx";
import { CategorySelect } from "./CategorySelect.tsx";
import {
  type CannedReply,
  type Category,
  PLAYBOOK_LANGUAGES,
  type PlaybookLanguage,
  type Usage,
} from "./playbookApi.ts";
import { usePlaybookT } from "./playbookI18n.ts";
import { VariableChips } from "./VariableChips.tsx";

type Draft = Omit<CannedReply, "id" | "updatedAt">;
const USAGES: readonly Usage[] = ["any", "public", "private"];

function emptyDraft(language: PlaybookLanguage): Draft {
  return { title: "", shortcut: null, language, body: "", usage: "any", guidance: "", categoryKey: null };
}

export function CannedReplyEditor({
  reply,
  variables,
  categories,
  defaultLanguage,
  onSaved,
  onCancel,
}: {
  reply: CannedReply | null;
  variables: readonly string[];
  categories: Category[];
  defaultLanguage: PlaybookLanguage;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const pt = usePlaybookT();
  const [draft, setDraft] = useState<Draft>(() =>
    reply
      ? {
          title: reply.title,
          shortcut: reply.shortcut,
          language: reply.language,
          body: reply.body,
          usage: reply.usage,
          guidance: reply.guidance,
          categoryKey: reply.categoryKey,
        }
      : emptyDraft(defaultLanguage),
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body = { ...draft, shortcut: draft.shortcut?.trim() || null };
    try {
      if (reply) await api("PATCH", `/api/playbook/canned-replies/${reply.id}`, body);
      else await api("POST", "/api/playbook/canned-replies", body);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card playbook-editor" onSubmit={save} data-testid="canned-editor">
      <label>
        {pt("title")}
        <input
          data-testid="canned-title"
          value={draft.title}
          maxLength={200}
          required
          onChange={(e) => setDraft({ ...draft, title: e.target.value })}
        />
      </label>
      <div className="row">
        <label>
          {pt("language")}
          <select
            data-testid="canned-language"
            value={draft.language}
            onChange={(e) => setDraft({ ...draft, language: e.target.value as PlaybookLanguage })}
          >
            {PLAYBOOK_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {pt(`lang_${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {pt("shortcut")}
          <input
            data-testid="canned-shortcut"
            value={draft.shortcut ?? ""}
            maxLength={40}
            placeholder="/delivery"
            onChange={(e) => setDraft({ ...draft, shortcut: e.target.value })}
          />
        </label>
        <CategorySelect
          categories={categories}
          value={draft.categoryKey}
          onChange={(categoryKey) => setDraft({ ...draft, categoryKey })}
        />
      </div>
      <p className="hint small">{pt("shortcutHint")}</p>
      <fieldset data-testid="canned-usage">
        <legend>{pt("usage")}</legend>
        {USAGES.map((usage) => (
          <label key={usage} className="inline">
            <input
              type="radio"
              name="usage"
              value={usage}
              checked={draft.usage === usage}
              onChange={() => setDraft({ ...draft, usage })}
            />
            <span>
              <strong>{pt(`usage_${usage}`)}</strong>
              <span className="muted small"> — {pt(`usageHelp_${usage}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label>
        {pt("body")}
        <textarea
          ref={bodyRef}
          data-testid="canned-body"
          rows={6}
          maxLength={4000}
          required
          value={draft.body}
          onChange={(e) => setDraft({ ...draft, body: e.target.value })}
        />
      </label>
      <VariableChips
        variables={variables}
        textarea={bodyRef}
        value={draft.body}
        onChange={(body) => setDraft({ ...draft, body })}
      />
      <label>
        {pt("guidance")}
        <textarea
          data-testid="canned-guidance"
          rows={2}
          maxLength={2000}
          value={draft.guidance}
          onChange={(e) => setDraft({ ...draft, guidance: e.target.value })}
        />
      </label>
      <p className="hint small">{pt("guidanceHint")}</p>
      <ApiProblems error={error} />
      <div className="row">
        <button type="submit" className="primary" data-testid="canned-save" disabled={busy}>
          {pt("save")}
        </button>
        <button type="button" onClick={onCancel}>
          {pt("cancel")}
        </button>
      </div>
    </form>
  );
}
