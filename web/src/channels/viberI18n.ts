import { type TemplateVars, useNamespaceT } from "../hooks.ts";
import type { NamespaceKey } from "../messages.ts";

export type ViberKey = NamespaceKey<"viber">;

export function useViberT(): (key: ViberKey, vars?: TemplateVars) => string {
  return useNamespaceT("viber");
}
