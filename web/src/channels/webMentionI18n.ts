import { type TemplateVars, useNamespaceT } from "../hooks.ts";
import type { NamespaceKey } from "../messages.ts";

export type WebMentionKey = NamespaceKey<"webMention">;

export function useWebMentionT(): (key: WebMentionKey, vars?: TemplateVars) => string {
  return useNamespaceT("webMention");
}
