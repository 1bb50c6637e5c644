import { useRef, useState } from "react";
import { saveRecord } from "../components/saveRecord.ts";
import { TextAreaField, TextField } from "../components/TextField.tsx";
import { useSubmit } from "../components/useRequest.ts";
import { CategorySelect } from "./CategorySelect.tsx";
import { EditorFooter } from "./EditorFooter.tsx";
import { LanguageField } from "./LanguageField.tsx";
import type { CannedReply, Category, PlaybookLanguage, Usage } from "./playbookApi.ts";
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
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const { submit, error, busy } = useSubmit(
    () =>
      saveRecord("/api/playbook/canned-replies", reply?.id, {
        ...draft,
        shortcut: draft.shortcut?.trim() || null,
      }),
    onSaved,
  );

  return (
    <form className="card playbook-editor" onSubmit={submit} data-testid="canned-editor">
      <TextField
        label={pt("title")}
        data-testid="canned-title"
        value={draft.title}
        maxLength={200}
        required
        onChange={(title) => setDraft({ ...draft, title })}
      />
      <div className="row">
        <LanguageField
          data-testid="canned-language"
          value={draft.language}
          onChange={(language) => setDraft({ ...draft, language })}
        />
        <TextField
          label={pt("shortcut")}
          data-testid="canned-shortcut"
          value={draft.shortcut ?? ""}
          maxLength={40}
          placeholder="/delivery"
          onChange={(shortcut) => setDraft({ ...draft, shortcut })}
        />
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
      <TextAreaField
        label={pt("body")}
        ref={bodyRef}
        data-testid="canned-body"
        rows={6}
        maxLength={4000}
        required
        value={draft.body}
        onChange={(body) => setDraft({ ...draft, body })}
      />
      <VariableChips
        variables={variables}
        textarea={bodyRef}
        value={draft.body}
        onChange={(body) => setDraft({ ...draft, body })}
      />
      <TextAreaField
        label={pt("guidance")}
        data-testid="canned-guidance"
        rows={2}
        maxLength={2000}
        value={draft.guidance}
        onChange={(guidance) => setDraft({ ...draft, guidance })}
      />
      <p className="hint small">{pt("guidanceHint")}</p>
      <EditorFooter error={error} busy={busy} onCancel={onCancel} saveTestId="canned-save" />
    </form>
  );
}
