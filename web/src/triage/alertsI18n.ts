import { useNamespaceT } from "../hooks.ts";
import type { NamespaceKey } from "../messages.ts";

export type AlertsKey = NamespaceKey<"alerts">;

export function useAlertsT() {
  return useNamespaceT("alerts");
}
