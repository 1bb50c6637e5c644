/**
 * Community rules for public comments under a brand's posts: "hide only what breaks the rules, and log it".
 * This module only decides. The caller hides the comment or queues it for a person, and writes the summary
 * to the audit log; nothing is ever deleted. Each rule is "hide", "review" or "off", and when several rules
 * are broken the strictest action wins.
 */

import { LISTENING_LANGUAGES } from "../../listening/listeningTypes.ts";
import { compileProfanity, type ProfanityMatcher } from "./profanity.ts";
import { findPublishedPersonalData } from "./publishedPersonalData.ts";
import { findSpamSignals, normalizeDomain, SPAM_THRESHOLD, type SpamSignal, spamScore } from "./spamLinks.ts";
import { verdictSummary } from "./verdictSummary.ts";
import { wordPatternProblem } from "./wordPattern.ts";

export type RuleAction = "hide" | "review" | "off";

export interface CommunityRules {
  profanity: RuleAction;
  spam: RuleAction;
  othersPersonalData: RuleAction;
  /** Words added to the built-in lists, in the pattern language of wordPattern.ts ("kurw*", "(|na)huj"). */
  extraProfanity: Partial<Record<"ru" | "pl" | "lv" | "en", string[]>>;
  /** Words never reported as profanity, same pattern language ("Pizdets", "scunthorp*"). */
  allowedWords: string[];
  /** The brand's own domains: links there are not spam, e-mail addresses there are not personal data. */
  allowedDomains: string[];
}

export const DEFAULT_COMMUNITY_RULES: CommunityRules = {
  profanity: "hide",
  spam: "hide",
  // A person should look first: a customer posting their own phone number may want a call back.
  othersPersonalData: "review",
  extraProfanity: {},
  allowedWords: [],
  allowedDomains: [],
};

export interface Violation {
  rule: "profanity" | "spam" | "others_personal_data";
  /** The word as written, the spam signal, or the kind of personal data (never the data itself). */
  detail: string;
  /** Where in the comment, [start, end), when the violation has a place (spam signals have none). */
  start?: number;
  end?: number;
}

export type ModerationVerdict =
  | { action: "none" }
  | { action: "hide" | "review"; violations: Violation[]; summary: string };

/** A workspace's rules made ready to judge with: compiled once, used for every comment. */
export interface CompiledRules {
  readonly profanity: ProfanityMatcher;
  /** Normalized hosts ("nordmart.lv"). */
  readonly allowedDomains: readonly string[];
}

export interface CommentContext {
  /** The author's earlier comments under this brand, to notice the same text posted again. */
  recentTextsBySameAuthor?: readonly string[];
}

/** Throws RangeError listing every problem (see communityRulesProblems) when the rules are not usable. */
export function compileCommunityRules(rules: CommunityRules): CompiledRules {
  const problems = communityRulesProblems(rules);
  if (problems.length > 0) throw new RangeError(`Invalid community rules: ${problems.join("; ")}`);
  return {
    profanity: compileProfanity(rules.extraProfanity, rules.allowedWords),
    allowedDomains: rules.allowedDomains.map(normalizeDomain),
  };
}

/**
 * Decides what to do with one comment. `compiled` must come from these rules; without it the rules are
 * compiled on every call, which is fine for one comment and wasteful for a stream.
 */
export function judgeComment(
  text: string,
  rules: CommunityRules,
  context: CommentContext,
  compiled?: CompiledRules,
): ModerationVerdict {
  if (typeof text !== "string" || text.trim().length === 0) return { action: "none" };
  const ready = compiled ?? compileCommunityRules(rules);
  const broken: { action: "hide" | "review"; violations: Violation[] }[] = [];
  if (rules.profanity !== "off") {
    const violations = ready.profanity
      .find(text)
      .map((m): Violation => ({ rule: "profanity", detail: m.word, start: m.start, end: m.end }));
    broken.push({ action: rules.profanity, violations });
  }
  if (rules.spam !== "off") {
    const signals = findSpamSignals(text, {
      allowedDomains: ready.allowedDomains,
      recentTextsBySameAuthor: context.recentTextsBySameAuthor ?? [],
    });
    const violations = spamScore(signals) >= SPAM_THRESHOLD ? spamViolations(signals) : [];
    broken.push({ action: rules.spam, violations });
  }
  if (rules.othersPersonalData !== "off") {
    const violations = findPublishedPersonalData(text, ready.allowedDomains).map(
      (f): Violation => ({ rule: "others_personal_data", detail: f.kind, start: f.start, end: f.end }),
    );
    broken.push({ action: rules.othersPersonalData, violations });
  }
  const applied = broken.filter((b) => b.violations.length > 0);
  if (applied.length === 0) return { action: "none" };
  const action = applied.some((b) => b.action === "hide") ? "hide" : "review";
  const violations = applied.flatMap((b) => b.violations);
  return { action, violations, summary: verdictSummary(action, violations) };
}

const SIGNAL_LABELS: Record<SpamSignal["kind"], string> = {
  link: "link",
  shortener: "shortener",
  invite_link: "invite link",
  money_bait: "money bait",
  repeated: "repeated text",
};

/** One violation a signal; a plain "link" is left out where a shortener or an invitation names the same URL. */
function spamViolations(signals: readonly SpamSignal[]): Violation[] {
  const specific = new Set(
    signals.filter((s) => s.kind === "shortener" || s.kind === "invite_link").map((s) => s.detail),
  );
  return signals
    .filter((s) => !(s.kind === "link" && specific.has(s.detail)))
    .map((s) => {
      const detail =
        s.kind === "money_bait"
          ? JSON.stringify(s.detail)
          : s.kind === "repeated"
            ? `(${s.detail})`
            : s.detail;
      return { rule: "spam", detail: `${SIGNAL_LABELS[s.kind]} ${detail}` };
    });
}

const ACTIONS: readonly string[] = ["hide", "review", "off"];
const ACTION_KEYS = ["profanity", "spam", "othersPersonalData"] as const;
const LIST_KEYS = ["allowedWords", "allowedDomains"] as const;
const KNOWN_KEYS: readonly string[] = [...ACTION_KEYS, "extraProfanity", ...LIST_KEYS];
/** More than this is a dictionary pasted by mistake, and every word costs time on every comment. */
const MAX_WORDS = 1000;
const DOMAIN =
  /^(?=.{1,253}$)(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}[\p{L}\p{N}-]{1,62}$/u;

/** Everything wrong with rules (from an API request or the database), in words fit for the settings form. */
export function communityRulesProblems(input: unknown): string[] {
  if (!isRecord(input)) return ["community rules must be an object"];
  const problems: string[] = [];
  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.includes(key)) problems.push(`unknown setting ${JSON.stringify(key)}`);
  }
  for (const key of ACTION_KEYS) {
    const value = input[key];
    if (value === undefined) problems.push(`${key} is missing`);
    else if (typeof value !== "string" || !ACTIONS.includes(value)) {
      problems.push(`${key} must be "hide", "review" or "off", not ${shown(value)}`);
    }
  }
  const extra = input.extraProfanity;
  if (extra === undefined) problems.push("extraProfanity is missing");
  else if (!isRecord(extra)) problems.push("extraProfanity must map ru, pl, lv or en to lists of words");
  else {
    for (const [language, words] of Object.entries(extra)) {
      if (!(LISTENING_LANGUAGES as readonly string[]).includes(language)) {
        problems.push(`extraProfanity: unknown language ${JSON.stringify(language)} (use ru, pl, lv or en)`);
      } else problems.push(...listProblems(`extraProfanity.${language}`, words, wordPatternProblem));
    }
  }
  const allowedWords = input.allowedWords;
  if (allowedWords === undefined) problems.push("allowedWords is missing");
  else problems.push(...listProblems("allowedWords", allowedWords, wordPatternProblem));
  const allowedDomains = input.allowedDomains;
  if (allowedDomains === undefined) problems.push("allowedDomains is missing");
  else problems.push(...listProblems("allowedDomains", allowedDomains, domainProblem));
  return problems;
}

function listProblems(
  path: string,
  value: unknown,
  itemProblem: (item: unknown) => string | undefined,
): string[] {
  if (!Array.isArray(value)) return [`${path} must be a list`];
  if (value.length > MAX_WORDS)
    return [`${path} has ${value.length} entries; at most ${MAX_WORDS} are allowed`];
  const problems: string[] = [];
  value.forEach((item, i) => {
    const problem = itemProblem(item);
    if (problem !== undefined) problems.push(`${path}[${i}] ${shown(item)} ${problem}`);
  });
  return problems;
}

function domainProblem(item: unknown): string | undefined {
  if (typeof item !== "string") return "must be text";
  // A pasted URL ("https://www.nordmart.lv/lv/") is fine: only its host is kept.
  return DOMAIN.test(normalizeDomain(item)) ? undefined : 'is not a domain like "nordmart.lv"';
}

function shown(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
