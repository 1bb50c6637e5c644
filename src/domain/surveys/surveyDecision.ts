import type { SurveyKind } from "./surveyScore.ts";

export type SurveySkipReason =
  | "disabled"
  | "already_surveyed"
  | "public_thread_no_private_chat"
  | "outside_reply_window"
  | "auto_resolved"
  | "no_customer_message";

export interface SurveyDecisionInput {
  enabled: boolean;
  /** The resolved case's thread. */
  visibility: "public" | "private";
  /** Resolved by Parley because the customer stopped answering: asking them now is noise. */
  resolvedAutomatically: boolean;
  /** A survey was already asked about this case. */
  alreadySurveyed: boolean;
  /**
   * Where a private question can go: the case's own chat, or for a public comment an existing private chat
   * with the same person on the same channel. Null when there is none.
   */
  privateChat: { lastInboundAt: Date | null } | null;
  /** The platform's window for a free private message after the customer's last one (hours), if it has one. */
  replyWindowHours: number | undefined;
  /** When the question would go out. */
  sendAt: Date;
}

export type SurveyDecision = { ask: true } | { ask: false; reason: SurveySkipReason };

/**
 * Whether to ask a satisfaction survey after a resolution. Never in a public thread: a public comment's
 * survey goes to a private chat the person already has with the brand, or nowhere. The once-only private reply
 * to a comment (Messenger, Instagram) is the agent's to use, never spent on a survey. A platform that allows a
 * free message only within a window after the customer's last one (Messenger, Instagram and WhatsApp: 24 h)
 * gets no survey past it: tags and templates are for people and for business notices, not for surveys.
 */
export function decideSurvey(input: SurveyDecisionInput): SurveyDecision {
  if (!input.enabled) return { ask: false, reason: "disabled" };
  if (input.alreadySurveyed) return { ask: false, reason: "already_surveyed" };
  if (input.resolvedAutomatically) return { ask: false, reason: "auto_resolved" };
  if (!input.privateChat)
    return {
      ask: false,
      reason: input.visibility === "public" ? "public_thread_no_private_chat" : "no_customer_message",
    };
  return withinReplyWindow(input.privateChat.lastInboundAt, input.replyWindowHours, input.sendAt)
    ? { ask: true }
    : {
        ask: false,
        reason: input.privateChat.lastInboundAt ? "outside_reply_window" : "no_customer_message",
      };
}

/** A free private message is possible at `at`: no window on this platform, or still inside it. */
export function withinReplyWindow(
  lastInboundAt: Date | null,
  windowHours: number | undefined,
  at: Date,
): boolean {
  if (windowHours === undefined) return true;
  if (!lastInboundAt) return false;
  return at.getTime() - lastInboundAt.getTime() <= windowHours * 3_600_000;
}

export interface LowScoreThresholds {
  /** CSAT at or below this is low (default 2 of 5). */
  csatLowMax: number;
  /** NPS at or below this is low (default 6 of 10: a detractor). */
  npsLowMax: number;
}

export function isLowScore(kind: SurveyKind, score: number, thresholds: LowScoreThresholds): boolean {
  return score <= (kind === "csat" ? thresholds.csatLowMax : thresholds.npsLowMax);
}

const PAYLOAD = /^survey:([0-9a-f-]{36}):(\d{1,2})$/;

/** The payload of a score button: the survey's id keeps a stale button of an earlier survey from counting. */
export function surveyChoicePayload(surveyId: string, score: number): string {
  return `survey:${surveyId}:${score}`;
}

export function readSurveyChoice(payload: string | undefined): { surveyId: string; score: number } | null {
  const match = payload ? PAYLOAD.exec(payload) : null;
  return match ? { surveyId: match[1]!, score: Number(match[2]) } : null;
}
