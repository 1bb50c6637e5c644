import type { ShortcutCommand } from "./shortcutCommands.ts";

export type ShortcutAction = ShortcutCommand | "next" | "previous" | "help";

/** The inbox's keys, in the order the `?` sheet lists them. One letter each, as in Gmail and Zendesk. */
export const SHORTCUTS: readonly { keys: string; label: string; action: ShortcutAction }[] = [
  { keys: "j", label: "J", action: "next" },
  { keys: "k", label: "K", action: "previous" },
  { keys: "r", label: "R", action: "reply" },
  { keys: "n", label: "N", action: "note" },
  { keys: "a", label: "A", action: "assignToMe" },
  { keys: "e", label: "E", action: "resolve" },
  { keys: "c", label: "C", action: "canned" },
  { keys: "slash", label: "/", action: "search" },
  { keys: "shift+slash", label: "?", action: "help" },
];

/** The conversation after (or before) the open one in the list; the first one when none is open. */
export function neighbourId(ids: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = current ? ids.indexOf(current) : -1;
  if (at === -1) return ids[0] ?? null;
  const next = Math.min(Math.max(at + step, 0), ids.length - 1);
  return ids[next] ?? null;
}
