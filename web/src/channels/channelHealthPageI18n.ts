import { type TemplateVars, useNamespaceT } from "../hooks.ts";
import type { NamespaceKey } from "../messages.ts";

export type ChannelHealthPageKey = NamespaceKey<"channelHealthPage">;

export function useChannelHealthPageT(): (key: ChannelHealthPageKey, vars?: TemplateVars) => string {
  return useNamespaceT("channelHealthPage");
}
