/**
 * Spam signals in a public comment: links (disguised ones above all), link shorteners, invitations into
 * chats, "easy money" phrases and the same text posted again by the same author. No signal alone decides;
 * `spamScore` weighs them together, so a customer who links a news article, or repeats "where is my order?"
 * three times, is not spam, while a shortened link or a link beside "заработок без вложений" is.
 */

import { normalizeTerm } from "../../listening/normalize.ts";
import { findLinks, normalizeHost, withoutLinks } from "./linkFinder.ts";
import { findMoneyBait } from "./moneyBait.ts";
import { INVITE_HOSTS, INVITE_PATHS, SHORTENER_HOSTS } from "./spamVocabulary.ts";

export type SpamSignalKind = "link" | "shortener" | "money_bait" | "invite_link" | "repeated";

export interface SpamSignal {
  kind: SpamSignalKind;
  /** For the audit log: the link, the phrase, or how often the text was posted before. */
  detail: string;
  /** What the signal adds to the spam score (see spamScore). */
  weight: number;
}

export interface SpamOptions {
  /** The brand's own domains; their subdomains are allowed too. Links there are no signal at all. */
  allowedDomains?: readonly string[];
  /** The author's earlier comments (under this brand), newest or oldest first: order does not matter. */
  recentTextsBySameAuthor?: readonly string[];
}

/** A score at or above this is spam. */
export const SPAM_THRESHOLD = 0.7;

/**
 * Weights, tuned so that two independent signals make spam and one rarely does: a link 0.3 (a disguised one
 * 0.6), a shortener 0.5 on top of its link, an invitation 0.8 on top of its link, the first bait phrase 0.4
 * and each further kind 0.3 (two kinds of bait together are a pitch), a repeated text 0.4.
 */
const WEIGHTS = {
  link: 0.3,
  obfuscatedLink: 0.6,
  shortener: 0.5,
  invite: 0.8,
  firstBait: 0.4,
  moreBait: 0.3,
  repeated: 0.4,
};

/** A text this short ("спасибо!", "+1") is repeated by honest people. */
const MIN_REPEATED_LENGTH = 8;
/** Enough of a link for the audit log; a tracking query can be a kilobyte. */
const MAX_DETAIL = 80;

export function findSpamSignals(text: string, options: SpamOptions = {}): SpamSignal[] {
  if (typeof text !== "string" || text.length === 0) return [];
  const allowed = (options.allowedDomains ?? []).map(normalizeDomain).filter((d) => d.length > 0);
  const signals: SpamSignal[] = [];
  for (const link of findLinks(text)) {
    if (allowed.some((domain) => link.host === domain || link.host.endsWith(`.${domain}`))) continue;
    const shown = clip(`${link.host}${link.path}`);
    signals.push({
      kind: "link",
      detail: link.obfuscated ? `${shown} (disguised)` : shown,
      weight: link.obfuscated ? WEIGHTS.obfuscatedLink : WEIGHTS.link,
    });
    if (SHORTENER_HOSTS.includes(link.host))
      signals.push({ kind: "shortener", detail: shown, weight: WEIGHTS.shortener });
    if (isInvite(link.host, link.path))
      signals.push({ kind: "invite_link", detail: shown, weight: WEIGHTS.invite });
  }
  findMoneyBait(text).forEach((bait, i) => {
    signals.push({
      kind: "money_bait",
      detail: clip(bait.excerpt),
      weight: i === 0 ? WEIGHTS.firstBait : WEIGHTS.moreBait,
    });
  });
  const repeats = countRepeats(text, options.recentTextsBySameAuthor ?? []);
  if (repeats > 0) {
    signals.push({
      kind: "repeated",
      detail:
        repeats === 1
          ? "posted before by the same author"
          : `posted ${repeats} times before by the same author`,
      weight: WEIGHTS.repeated,
    });
  }
  return signals;
}

/** 0 (no sign of spam) to 1; spam from SPAM_THRESHOLD up. */
export function spamScore(signals: readonly SpamSignal[]): number {
  const sum = signals.reduce((total, signal) => total + signal.weight, 0);
  return Math.round(Math.min(1, sum) * 100) / 100;
}

function isInvite(host: string, path: string): boolean {
  if (INVITE_HOSTS.includes(host)) return true;
  const target = `${host}${path}`.toLowerCase();
  return INVITE_PATHS.some((prefix) => target.startsWith(prefix));
}

/**
 * Same words in the same order, whatever the case, punctuation or emoji; links are dropped before comparing,
 * because spam rotates them while the pitch stays.
 */
function countRepeats(text: string, recent: readonly string[]): number {
  if (recent.length === 0) return 0;
  const normalized = normalizeTerm(withoutLinks(text));
  if (normalized.length < MIN_REPEATED_LENGTH) return 0;
  return recent.filter(
    (earlier) => typeof earlier === "string" && normalizeTerm(withoutLinks(earlier)) === normalized,
  ).length;
}

/** An allow-list entry as a host: "https://www.Nordmart.lv/lv/" is "nordmart.lv". */
export function normalizeDomain(entry: string): string {
  const withoutScheme = entry.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  return normalizeHost(withoutScheme.split(/[/?#]/)[0] ?? "");
}

function clip(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}
