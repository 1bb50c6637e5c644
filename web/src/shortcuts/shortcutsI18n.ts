import { useNamespaceT } from "../hooks.ts";

export function useShortcutsT() {
  return useNamespaceT("shortcuts");
}
