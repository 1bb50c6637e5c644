import { useNamespaceT } from "../hooks.ts";

export function useAccountNavT() {
  return useNamespaceT("accountNav");
}
