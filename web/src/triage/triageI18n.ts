import { type TemplateVars, useNamespaceT } from "../hooks.ts";
import { isNamespaceKey, type NamespaceKey } from "../messages.ts";

type TriageKey = NamespaceKey<"triage">;

export function useTriageT(): (key: TriageKey, vars?: TemplateVars) => string {
  return useNamespaceT("triage");
}

export function isTriageKey(key: string): key is TriageKey {
  return isNamespaceKey("triage", key);
}
