import { useCallback } from "react";
import { useNamespaceT } from "../hooks.ts";
import { isNamespaceKey, type NamespaceKey } from "../messages.ts";

type ReportsKey = NamespaceKey<"reports">;

export function useReportsT(): (key: ReportsKey) => string {
  return useNamespaceT("reports");
}

/** Report, figure and value names come from the API as ids; unknown ones are shown as they are. */
export function useReportsLabel(): (prefix: "report" | "figure" | "dim" | "value", id: string) => string {
  const t = useReportsT();
  return useCallback(
    (prefix, id) => {
      const key = `${prefix}_${id}`;
      return isNamespaceKey("reports", key) ? t(key as ReportsKey) : id;
    },
    [t],
  );
}
