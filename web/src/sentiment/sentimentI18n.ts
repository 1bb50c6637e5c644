import { useNamespaceT } from "../hooks.ts";

export function useSentimentT() {
  return useNamespaceT("sentiment");
}
