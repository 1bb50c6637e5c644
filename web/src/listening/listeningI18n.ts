import { useNamespaceT } from "../hooks.ts";
import { isNamespaceKey, type NamespaceKey } from "../messages.ts";

type ListeningKey = NamespaceKey<"listening">;

export function useListeningT(): (key: ListeningKey, vars?: Record<string, string | number>) => string {
  return useNamespaceT("listening");
}

export function isListeningKey(key: string): key is ListeningKey {
  return isNamespaceKey("listening", key);
}
