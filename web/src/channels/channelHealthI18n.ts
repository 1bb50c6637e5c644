import { type TemplateVars, useNamespaceT } from "../hooks.ts";
import { isNamespaceKey, type NamespaceKey } from "../messages.ts";

export type ChannelHealthKey = NamespaceKey<"channelHealth">;

export function useChannelHealthT(): (key: ChannelHealthKey, vars?: TemplateVars) => string {
  return useNamespaceT("channelHealth");
}

export function isChannelHealthKey(key: string): key is ChannelHealthKey {
  return isNamespaceKey("channelHealth", key);
}
