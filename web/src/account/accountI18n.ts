import { type TemplateVars, useNamespaceT } from "../hooks.ts";
import type { NamespaceKey } from "../messages.ts";

export type AccountKey = NamespaceKey<"account">;

export type AccountT = (key: AccountKey, vars?: TemplateVars) => string;

export function useAccountT(): AccountT {
  return useNamespaceT("account");
}
