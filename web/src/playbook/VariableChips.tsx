import type { RefObject } from "react";
import { isPlaybookKey, usePlaybookT } from "./playbookI18n.ts";

/**
 * Buttons that put `{{variable}}` where the cursor is in the reply text, so nobody has to remember the exact
 * spelling (a misspelt variable is refused on save anyway).
 */
export function VariableChips({
  variables,
  textarea,
  value,
  onChange,
}: {
  variables: readonly string[];
  textarea: RefObject<HTMLTextAreaElement | null>;
  value: string;
  onChange: (next: string) => void;
}) {
  const pt = usePlaybookT();
  function insert(name: string) {
    const token = `{{${name}}}`;
    const el = textarea.current;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + token + value.slice(end));
    // Put the cursor after the inserted variable once React has rendered the new value.
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  }
  return (
    <div className="variable-chips">
      <span className="muted small">{pt("variables")}</span>{" "}
      {variables.map((name) => {
        const key = `var_${name}`;
        return (
          <button
            key={name}
            type="button"
            data-testid="variable-chip"
            title={isPlaybookKey(key) ? pt(key) : name}
            onClick={() => insert(name)}
          >
            {`{{${name}}}`}
          </button>
        );
      })}
      <p className="hint small">{pt("variablesHint")}</p>
    </div>
  );
}
