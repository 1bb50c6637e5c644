import { useEffect, useRef, useState } from "react";
import { useHotkeys } from "react-hotkeys-hook";
import { runShortcutCommand } from "./shortcutCommands.ts";
import { neighbourId, SHORTCUTS, type ShortcutAction } from "./shortcutKeys.ts";
import { useShortcutsT } from "./shortcutsI18n.ts";
import "./shortcuts.css";

/**
 * The inbox's keyboard: J/K move through the list, one letter per action on the open conversation, `/`
 * searches and `?` shows the sheet. Keys typed into a field are the field's (the hook ignores form tags),
 * so an agent writing "j" in a reply never jumps to the next conversation.
 */
export function InboxShortcuts({
  conversationIds,
  openId,
  onOpen,
}: {
  conversationIds: readonly string[];
  openId: string | null;
  onOpen: (id: string) => void;
}) {
  const [sheetOpen, setSheetOpen] = useState(false);
  const perform = (action: ShortcutAction) => {
    if (action === "help") return setSheetOpen(true);
    if (action === "next" || action === "previous") {
      const id = neighbourId(conversationIds, openId, action === "next" ? 1 : -1);
      if (id && id !== openId) onOpen(id);
      return;
    }
    runShortcutCommand(action);
  };
  useHotkeys(
    SHORTCUTS.map((s) => s.keys),
    (_event, handler) => {
      const shortcut = SHORTCUTS.find((s) => s.keys === handler.hotkey);
      if (shortcut) perform(shortcut.action);
    },
    { preventDefault: true },
    [conversationIds, openId, onOpen],
  );
  return sheetOpen ? <ShortcutSheet onClose={() => setSheetOpen(false)} /> : null;
}

/** The `?` sheet: a modal dialog listing every key, closed by Esc, its button, or a click outside. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const t = useShortcutsT();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="shortcut-sheet"
      aria-labelledby="shortcut-sheet-title"
      data-testid="shortcut-sheet"
      onClose={onClose}
      onClick={(event) => event.target === dialog.current && onClose()}
      onKeyDown={(event) => event.key === "Escape" && onClose()}
    >
      <h2 id="shortcut-sheet-title">{t("title")}</h2>
      <dl>
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.keys}>
            <dt>
              <kbd>{shortcut.label}</kbd>
            </dt>
            <dd>{t(`action_${shortcut.action}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">{t("hint")}</p>
      <button type="button" onClick={onClose}>
        {t("close")}
      </button>
    </dialog>
  );
}
