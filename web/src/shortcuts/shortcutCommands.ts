import { useEffect, useRef } from "react";

/** What a key can ask of the open view; the component that can do it registers the handler. */
export type ShortcutCommand = "reply" | "note" | "assignToMe" | "resolve" | "canned" | "search";

const handlers = new Map<ShortcutCommand, () => void>();

/**
 * Registers what `command` does while the calling component is mounted: the reply box knows how to focus
 * itself, the conversation header how to resolve. Keys stay defined in one place (the shortcut sheet) while
 * each action stays with the component that owns its state.
 */
export function useShortcutCommand(command: ShortcutCommand, handler: () => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const run = () => latest.current();
    handlers.set(command, run);
    return () => {
      if (handlers.get(command) === run) handlers.delete(command);
    };
  }, [command]);
}

/** Runs a command if something on screen offers it; says whether anything did. */
export function runShortcutCommand(command: ShortcutCommand): boolean {
  const handler = handlers.get(command);
  if (!handler) return false;
  handler();
  return true;
}
