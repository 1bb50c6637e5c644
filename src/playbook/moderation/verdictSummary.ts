/**
 * The one English sentence an audit log keeps for a moderation decision: what was done and why, in words a
 * person scanning the log understands ("Hidden: profanity ("kurwa") and spam (shortener bit.ly/x)").
 * Personal data is named by kind only: the log must not republish what the comment was hidden for.
 */

import type { Violation } from "./communityRules.ts";

/** Beyond this many examples of one rule the sentence says how many more there were. */
const MAX_EXAMPLES = 3;

export function verdictSummary(action: "hide" | "review", violations: readonly Violation[]): string {
  const parts: string[] = [];
  const profanity = unique(
    violations.filter((v) => v.rule === "profanity").map((v) => JSON.stringify(v.detail)),
  );
  if (profanity.length > 0) parts.push(`profanity (${examples(profanity)})`);
  const spam = unique(violations.filter((v) => v.rule === "spam").map((v) => v.detail));
  if (spam.length > 0) parts.push(`spam (${examples(spam)})`);
  const personal = unique(violations.filter((v) => v.rule === "others_personal_data").map((v) => v.detail));
  if (personal.length > 0) parts.push(`personal data (${examples(personal)})`);
  return `${action === "hide" ? "Hidden" : "Queued for review"}: ${joinWithAnd(parts)}`;
}

function examples(items: readonly string[]): string {
  const shown = items.slice(0, MAX_EXAMPLES).join(", ");
  return items.length > MAX_EXAMPLES ? `${shown} and ${items.length - MAX_EXAMPLES} more` : shown;
}

function joinWithAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
