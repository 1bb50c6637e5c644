import { useEffect, useRef, useState } from "react";
import { api } from "../api.ts";
import type { DraftCheck } from "./playbookApi.ts";

/** Long enough not to fire on every key, short enough that the advice appears as the agent pauses. */
const DEBOUNCE_MS = 300;

/**
 * Checks the draft whenever the agent pauses typing. Answers can arrive out of order; only the latest
 * request's answer is kept. An empty draft is checked too: suggestions from the customer's message are
 * most useful before the agent has written anything.
 */
export function useDraftCheck(
  conversationId: string,
  text: string,
  visibility: "public" | "private",
  enabled: boolean,
): DraftCheck | null {
  const [result, setResult] = useState<DraftCheck | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    if (!enabled) {
      latest.current++;
      setResult(null);
      return;
    }
    const request = ++latest.current;
    const timer = setTimeout(() => {
      api<DraftCheck>("POST", `/api/conversations/${conversationId}/draft-check`, { text, visibility }).then(
        (answer) => {
          if (request === latest.current) setResult(answer);
        },
        // Advice is a help, not a gate: a failed check leaves the composer as it was.
        () => undefined,
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [conversationId, text, visibility, enabled]);

  // A different conversation must not show the previous one's advice while its own check is pending.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the conversation changes
  useEffect(() => setResult(null), [conversationId]);

  return result;
}
