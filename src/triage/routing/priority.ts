/**
 * How urgently a conversation needs a person, and why. Every conversation starts at "normal"; triage only
 * raises. "low" is never computed: it is there for agents and automation rules to set.
 */
import type { ListeningLanguage } from "../../listening/listeningTypes.ts";
import { findKeywords } from "./escalationKeywords.ts";

/** Lowest first; comparisons go by position. */
export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface PriorityFacts {
  /** The customer's message. */
  text: string;
  /** The detected language of `text`, when known: diacritic keywords then match text typed without them. */
  language?: ListeningLanguage;
  sentiment: "negative" | "neutral" | "positive";
  /** The author's followers; null when the platform does not say. */
  reach: number | null;
  /** Written where others can read it (a comment, a reply under a post), not in a private message. */
  public: boolean;
  /**
   * The customer wrote before and that earlier case was closed without being solved, or is still open in
   * another channel: this conversation is their last attempt.
   */
  repeatAfterUnresolved: boolean;
}

export interface PrioritySettings {
  /** Words and phrases that make a conversation urgent: legal threats, regulators. */
  escalationKeywords: readonly string[];
  /** Authors with at least this many followers raise the priority; 0 or less turns the rule off. */
  highReach: number;
}

export const DEFAULT_ESCALATION_KEYWORDS: readonly string[] = [
  // Russian
  "суд",
  "иск",
  "прокуратура",
  "прокурор",
  "роспотребнадзор",
  "юрист",
  "адвокат",
  "защита прав потребителей",
  // Polish
  "sąd",
  "pozew",
  "pozwę",
  "prawnik",
  "adwokat",
  "prokuratura",
  "UOKiK",
  "rzecznik praw konsumenta",
  // Latvian
  "tiesa",
  "jurists",
  "advokāts",
  "prokuratūra",
  "PTAC",
  "Patērētāju tiesību aizsardzības centrs",
  // English
  "lawyer",
  "attorney",
  "sue",
  "suing",
  "lawsuit",
  "court",
  "legal action",
];

export const DEFAULT_PRIORITY_SETTINGS: PrioritySettings = {
  escalationKeywords: DEFAULT_ESCALATION_KEYWORDS,
  highReach: 10_000,
};

export interface PriorityReason {
  kind: "negative_sentiment" | "high_reach" | "escalation_keyword" | "repeat_contact" | "public_thread";
  detail?: string;
}

/**
 * Each signal adds one; a public thread adds one more only to a negative message (a complaint others can
 * read). One signal makes "high", three "urgent": a negative public message from a large account or from a
 * customer already let down once is urgent, a private complaint alone is not.
 */
const URGENT_WEIGHT = 3;

export function priorityOf(
  facts: PriorityFacts,
  settings: PrioritySettings,
): { priority: Priority; reasons: PriorityReason[] } {
  const reasons: PriorityReason[] = findKeywords(facts.text, settings.escalationKeywords, facts.language).map(
    (hit) => ({ kind: "escalation_keyword", detail: hit.keyword }),
  );
  const negative = facts.sentiment === "negative";
  if (negative) reasons.push({ kind: "negative_sentiment" });
  if (negative && facts.public) reasons.push({ kind: "public_thread" });
  if (isHighReach(facts.reach, settings.highReach))
    reasons.push({ kind: "high_reach", detail: `${facts.reach} followers` });
  if (facts.repeatAfterUnresolved) reasons.push({ kind: "repeat_contact" });
  return { priority: priorityFromReasons(reasons), reasons };
}

/** What a set of reasons weighs: any legal threat, or three signals, is urgent; one signal is high. */
export function priorityFromReasons(reasons: readonly { kind: string }[]): Priority {
  const threatened = reasons.some((reason) => reason.kind === "escalation_keyword");
  const weight = reasons.filter(
    (reason) => reason.kind !== "escalation_keyword" && reason.kind !== "set_by_agent",
  ).length;
  return threatened || weight >= URGENT_WEIGHT ? "urgent" : weight > 0 ? "high" : "normal";
}

const MOOD_REASONS = new Set(["negative_sentiment", "public_thread"]);

/**
 * A conversation's priority after an agent corrected the mood of the message that decided it: a tone now
 * negative adds its reasons and may raise the priority; a tone no longer negative takes its reasons away but,
 * as everywhere in triage, never lowers the priority (the agent can).
 */
export function priorityAfterMoodCorrection(
  current: { priority: Priority; reasons: readonly { kind: string; detail?: string }[] },
  sentiment: "negative" | "neutral" | "positive",
  isPublic: boolean,
): { priority: Priority; reasons: { kind: string; detail?: string }[] } {
  const kept = current.reasons.filter((reason) => !MOOD_REASONS.has(reason.kind));
  if (sentiment !== "negative") return { priority: current.priority, reasons: kept };
  const reasons = [...kept, { kind: "negative_sentiment" }, ...(isPublic ? [{ kind: "public_thread" }] : [])];
  return { priority: higherPriority(current.priority, priorityFromReasons(reasons)), reasons };
}

function isHighReach(reach: number | null, threshold: number): reach is number {
  return reach !== null && Number.isFinite(reach) && threshold > 0 && reach >= threshold;
}

export function higherPriority(a: Priority, b: Priority): Priority {
  return PRIORITIES.indexOf(a) >= PRIORITIES.indexOf(b) ? a : b;
}
