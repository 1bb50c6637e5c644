import type { SentimentLabel } from "./listeningTypes.ts";

export interface TriagePolicy {
  minReach: number;
  ticketOnNegative: boolean;
  ticketOnQuestion: boolean;
}

export interface MentionFacts {
  sentiment: SentimentLabel;
  text: string;
  /** Followers of the author; undefined when the platform does not say. */
  reach?: number | null | undefined;
  /** The brand's account was addressed (a DM, an @mention, a comment under its own post). */
  addressed: boolean;
}

export type TriageDecision = { decision: "ticket" | "record" | "ignore"; reason: string };

const QUESTION_WORDS =
  /(^|[\s,.;:!])(где|когда|почему|как|сколько|можно ли|ли|gdzie|kiedy|dlaczego|jak|czy|ile|kur|kad|kāpēc|kapec|kā|cik|vai|where|when|why|how|can|does|do|is|are)(?=[\s,.;:!?]|$)/iu;

/** A question asks for an answer even without a question mark ("подскажите когда доставка"). */
export function looksLikeQuestion(text: string): boolean {
  return text.includes("?") || QUESTION_WORDS.test(text.slice(0, 500));
}

/**
 * Whether a mention needs a person: a ticket for what the team wants to answer (negative, a question, or
 * addressed to the brand), analytics only for the rest, and nothing for authors below the reach threshold
 * who did not address the brand ("know when to answer": a tiny account's passing remark is not a case).
 */
export function triageMention(facts: MentionFacts, policy: TriagePolicy): TriageDecision {
  const knownSmall = facts.reach !== undefined && facts.reach !== null && facts.reach < policy.minReach;
  if (!facts.addressed && policy.minReach > 0 && knownSmall)
    return { decision: "ignore", reason: `Author reach ${facts.reach} is below ${policy.minReach}` };
  if (facts.addressed) return { decision: "ticket", reason: "Addressed to the brand" };
  if (policy.ticketOnNegative && facts.sentiment === "negative")
    return { decision: "ticket", reason: "Negative mention" };
  if (policy.ticketOnQuestion && looksLikeQuestion(facts.text))
    return { decision: "ticket", reason: "A question" };
  return { decision: "record", reason: "Recorded for analytics" };
}
