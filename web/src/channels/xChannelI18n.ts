import { type TemplateVars, useNamespaceT } from "../hooks.ts";
import type { NamespaceKey } from "../messages.ts";

export type XChannelKey = NamespaceKey<"xChannel">;

export function useXChannelT(): (key: XChannelKey, vars?: TemplateVars) => string {
  return useNamespaceT("xChannel");
}
