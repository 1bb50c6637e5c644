import { useEffect, useState } from "react";
import { api } from "../api.ts";
import { errorText } from "./errorText.ts";

/** What the form says after a save or a failed load, beside its Save button. */
export interface FormMessage {
  text: string;
  error: boolean;
}

export interface SettingsForm<S, D> {
  /** The settings as the server last answered them; null until loaded. */
  settings: S | null;
  /** The form's values as typed; null until loaded. */
  draft: D | null;
  set: (patch: Partial<D>) => void;
  message: FormMessage | null;
  setMessage: (message: FormMessage | null) => void;
  /** PUTs `body`, then shows what the server kept, and `savedText` or why it refused. */
  save: (body: unknown, savedText: string) => Promise<void>;
}

/**
 * A settings document that is read and replaced whole at `path` (GET, then PUT), edited as a draft that keeps
 * numbers as typed: `draftOf` turns the server's answer into the form's values, on load and after each save.
 */
export function useSettingsForm<S, D>(path: string, draftOf: (settings: S) => D): SettingsForm<S, D> {
  const [settings, setSettings] = useState<S | null>(null);
  const [draft, setDraft] = useState<D | null>(null);
  const [message, setMessage] = useState<FormMessage | null>(null);
  useEffect(() => {
    api<S>("GET", path).then(
      (answer) => {
        setSettings(answer);
        setDraft(draftOf(answer));
      },
      (err: unknown) => setMessage({ text: errorText(err), error: true }),
    );
  }, [path, draftOf]);

  async function save(body: unknown, savedText: string) {
    try {
      const saved = await api<S>("PUT", path, body);
      setSettings(saved);
      setDraft(draftOf(saved));
      setMessage({ text: savedText, error: false });
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    }
  }

  const set = (patch: Partial<D>) => setDraft((current) => (current ? { ...current, ...patch } : current));
  return { settings, draft, set, message, setMessage, save };
}
