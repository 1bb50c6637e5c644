import { useNamespaceT } from "../hooks.ts";

/** The inbox's team, category, label and language filters, and who a saved view is for. */
export function useInboxFiltersT() {
  return useNamespaceT("inboxFilters");
}
