import { type TemplateVars, useNamespaceT } from "../hooks.ts";
import { isNamespaceKey, type NamespaceKey } from "../messages.ts";

export type SettingsKey = NamespaceKey<"settings">;

export type SettingsT = (key: SettingsKey, vars?: TemplateVars) => string;

/** Keys built from API values (event_…, field_…) are checked here once instead of at every call site. */
export function isSettingsKey(key: string): key is SettingsKey {
  return isNamespaceKey("settings", key);
}

export function useSettingsT(): SettingsT {
  return useNamespaceT("settings");
}

/** A label for an API value (`field_text`, `priority_high`), falling back to the value itself. */
export function labelOf(t: SettingsT, prefix: string, value: string): string {
  const key = `${prefix}_${value}`;
  return isSettingsKey(key) ? t(key) : value;
}
