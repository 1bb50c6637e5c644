import { type TemplateVars, useNamespaceT } from "../hooks.ts";
import type { NamespaceKey } from "../messages.ts";

export type EmailKey = NamespaceKey<"email">;

export function useEmailT(): (key: EmailKey, vars?: TemplateVars) => string {
  return useNamespaceT("email");
}
