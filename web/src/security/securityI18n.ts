import { type TemplateVars, useNamespaceT } from "../hooks.ts";
import type { NamespaceKey } from "../messages.ts";

export type SecurityKey = NamespaceKey<"security">;

export function useSecurityT(): (key: SecurityKey, vars?: TemplateVars) => string {
  return useNamespaceT("security");
}
