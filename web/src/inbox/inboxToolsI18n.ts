import { useNamespaceT } from "../hooks.ts";

export function useInboxToolsT() {
  return useNamespaceT("inboxTools");
}
