import { useNamespaceT } from "../hooks.ts";
import type { NamespaceKey } from "../messages.ts";

type Key = NamespaceKey<"thread">;

export type ThreadKey = Key;

/** The thread's and attachments' own strings (kept apart from i18n.ts, like the other features' dictionaries). */
export function useThreadT() {
  return useNamespaceT("thread");
}
