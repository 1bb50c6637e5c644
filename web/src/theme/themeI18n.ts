import { useNamespaceT } from "../hooks.ts";
import type { NamespaceKey } from "../messages.ts";

export type ThemeKey = NamespaceKey<"theme">;

export function useThemeT() {
  return useNamespaceT("theme");
}
