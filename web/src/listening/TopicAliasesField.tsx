import { useState } from "react";
import type { TopicAlias, TopicAliasKind } from "./listeningApi.ts";
import { useListeningT } from "./listeningI18n.ts";

/** Same limit as the API (src/commands/topicEditor.ts): the editor says so before the server has to. */
const MAX_ALIAS_LENGTH = 100;

/** How the matcher compares names, roughly: case, diacritics and punctuation aside. */
function comparable(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A topic's other names (parent company, products), added and removed in place. */
export function TopicAliasesField({
  aliases,
  onChange,
}: {
  aliases: TopicAlias[];
  onChange: (aliases: TopicAlias[]) => void;
}) {
  const lt = useListeningT();
  const [text, setText] = useState("");
  const [kind, setKind] = useState<TopicAliasKind>("parent");
  const [problem, setProblem] = useState<string | null>(null);

  const add = () => {
    const value = text.trim();
    if (!comparable(value)) return setProblem(lt("aliasEmpty"));
    if (value.length > MAX_ALIAS_LENGTH) return setProblem(lt("aliasTooLong", { max: MAX_ALIAS_LENGTH }));
    if (aliases.some((a) => comparable(a.text) === comparable(value)))
      return setProblem(lt("aliasDuplicate", { text: value }));
    onChange([...aliases, { text: value, kind }]);
    setText("");
    setProblem(null);
  };

  return (
    <fieldset className="topic-aliases" data-testid="topic-aliases">
      <legend>{lt("aliases")}</legend>
      <p className="muted small">{lt("aliasesHelp")}</p>
      <ul className="alias-list">
        {aliases.map((alias) => (
          <li key={alias.text} className="chip alias" data-testid="topic-alias">
            <span>{alias.text}</span> <span className="muted small">{lt(`aliasKind_${alias.kind}`)}</span>
            <button
              type="button"
              className="link"
              aria-label={lt("removeAlias", { text: alias.text })}
              onClick={() => onChange(aliases.filter((a) => a !== alias))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <input
          value={text}
          maxLength={MAX_ALIAS_LENGTH + 20}
          placeholder={lt("aliasPlaceholder")}
          data-testid="alias-text"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
        <select
          value={kind}
          onChange={(e) => setKind(e.target.value as TopicAliasKind)}
          data-testid="alias-kind"
        >
          <option value="parent">{lt("aliasKind_parent")}</option>
          <option value="product">{lt("aliasKind_product")}</option>
        </select>
        <button type="button" onClick={add} data-testid="alias-add">
          {lt("addAlias")}
        </button>
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
