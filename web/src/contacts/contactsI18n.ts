import { useNamespaceT } from "../hooks.ts";

export function useContactsT() {
  return useNamespaceT("contacts");
}
