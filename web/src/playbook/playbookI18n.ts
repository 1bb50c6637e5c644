import type { Option } from "../components/Select.tsx";
import { type TemplateVars, useNamespaceT } from "../hooks.ts";
import { isNamespaceKey, type NamespaceKey } from "../messages.ts";
import { PLAYBOOK_LANGUAGES } from "./playbookApi.ts";

export type PlaybookKey = NamespaceKey<"playbook">;

/** Like useT, for the playbook's own strings. */
export function usePlaybookT(): (key: PlaybookKey, values?: TemplateVars) => string {
  return useNamespaceT("playbook");
}

/** The playbook's languages, each named in the reader's language. */
export function useLanguageOptions(): Option[] {
  const pt = usePlaybookT();
  return PLAYBOOK_LANGUAGES.map((l) => ({ value: l, label: pt(`lang_${l}`) }));
}

/** For keys built from server values ("pii_" + kind): an unknown kind shows as itself, not as undefined. */
export function isPlaybookKey(key: string): key is PlaybookKey {
  return isNamespaceKey("playbook", key);
}
