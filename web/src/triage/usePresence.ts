import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../api.ts";
import type { ChangeEvent } from "../hooks.ts";

export interface PresentAgent {
  userId: string;
  name: string;
  state: "viewing" | "typing";
}

const HEARTBEAT_MS = 10_000;
/** Typing counts for a few seconds after the last key, like chat apps' "is typing". */
const TYPING_FOR_MS = 6_000;

/**
 * Tells the server this agent has the conversation open (and when they type), and keeps the list of the
 * other agents who do, for the collision warning. Others' changes arrive as presence.updated events.
 */
export function usePresence(conversationId: string, changes: ChangeEvent[]) {
  const [others, setOthers] = useState<PresentAgent[]>([]);
  const typingUntil = useRef(0);
  const lastSent = useRef<"viewing" | "typing">("viewing");

  const send = useCallback(
    (state: "viewing" | "typing" | "left") =>
      api<{ others: PresentAgent[] }>("POST", `/api/conversations/${conversationId}/presence`, {
        state,
      }).then(
        (answer) => setOthers(answer.others),
        () => undefined,
      ),
    [conversationId],
  );

  useEffect(() => {
    lastSent.current = "viewing";
    void send("viewing");
    const timer = setInterval(() => {
      const state = Date.now() < typingUntil.current ? "typing" : "viewing";
      lastSent.current = state;
      void send(state);
    }, HEARTBEAT_MS);
    return () => {
      clearInterval(timer);
      void send("left");
    };
  }, [send]);

  useEffect(() => {
    if (changes.some((c) => c.type === "presence.updated" && c.conversationId === conversationId))
      void api<{ others: PresentAgent[] }>("GET", `/api/conversations/${conversationId}/presence`).then(
        (answer) => setOthers(answer.others),
        () => undefined,
      );
  }, [changes, conversationId]);

  const noteTyping = useCallback(() => {
    typingUntil.current = Date.now() + TYPING_FOR_MS;
    if (lastSent.current !== "typing") {
      lastSent.current = "typing";
      void send("typing");
    }
  }, [send]);

  return { others, noteTyping };
}
