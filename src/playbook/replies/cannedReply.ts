/**
 * Canned replies: saved answers an agent inserts with a shortcut, with {{variables}} filled from the
 * conversation at insertion time. Validation runs when a reply is saved, so a typo such as
 * {{order_nubmer}} is caught by whoever wrote it, not by a customer reading "{{order_nubmer}}" or
 * "undefined". Rendering never fails: a value we do not have stays visible as "[order_number]" for the agent
 * to fill in before sending.
 */

import { editDistance } from "../../listening/variants/editDistance.ts";

export const CANNED_LANGUAGES = ["ru", "pl", "lv", "en"] as const;
export type CannedLanguage = (typeof CANNED_LANGUAGES)[number];

export const CANNED_USAGES = ["public", "private", "any"] as const;
export type CannedUsage = (typeof CANNED_USAGES)[number];

export interface CannedReply {
  id: string;
  title: string;
  /** What the agent types to insert it ("/delivery"); null when the reply is only picked from the list. */
  shortcut: string | null;
  language: CannedLanguage;
  /** The text, with {{variables}} from CANNED_VARIABLES. */
  body: string;
  /** Where it may be sent: a reply asking for an address belongs in private messages only. */
  usage: CannedUsage;
  /** A note for agents on when to use it; never sent. */
  guidance: string;
  categoryKey: string | null;
}

export const CANNED_VARIABLES = [
  "customer_name",
  "customer_first_name",
  "agent_name",
  "agent_first_name",
  "order_number",
  "channel_name",
  "brand_name",
] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];

const KNOWN = new Set<string>(CANNED_VARIABLES);
/** Long enough for "/delivery-late-ru"; a shortcut is typed, so anything longer defeats its purpose. */
export const MAX_SHORTCUT_LENGTH = 32;
export const MAX_TITLE_LENGTH = 120;

/** `{{ name }}`: spaces inside the braces are tolerated because people type them. */
const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/gu;

export function isCannedVariable(name: string): name is CannedVariable {
  return KNOWN.has(name);
}

/** The distinct variable names in a body, in order of first use, known or not. */
export function cannedVariablesIn(body: string): string[] {
  if (typeof body !== "string") return [];
  const names: string[] = [];
  for (const m of body.matchAll(VARIABLE)) {
    const name = m[1] ?? "";
    if (name.length > 0 && !names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * Everything wrong with a canned reply about to be saved, as sentences an agent can act on; empty when it is
 * fine. Inputs are strings because they come straight from a form.
 */
export function cannedReplyProblems(input: {
  title: string;
  body: string;
  language: string;
  usage: string;
  shortcut?: string | null;
}): string[] {
  const problems: string[] = [];
  const title = typeof input.title === "string" ? input.title.trim() : "";
  if (title.length === 0) problems.push("The title is empty.");
  else if (title.length > MAX_TITLE_LENGTH)
    problems.push(`The title is longer than ${MAX_TITLE_LENGTH} characters.`);

  const body = typeof input.body === "string" ? input.body : "";
  if (body.trim().length === 0) problems.push("The reply text is empty.");
  else problems.push(...braceProblems(body), ...variableProblems(body));

  if (!(CANNED_LANGUAGES as readonly string[]).includes(input.language))
    problems.push(`Unknown language "${input.language}": use one of ${CANNED_LANGUAGES.join(", ")}.`);
  if (!(CANNED_USAGES as readonly string[]).includes(input.usage))
    problems.push(`Unknown usage "${input.usage}": use one of ${CANNED_USAGES.join(", ")}.`);

  const shortcut = input.shortcut;
  if (shortcut !== null && shortcut !== undefined) {
    if (shortcut.trim().length === 0) problems.push("The shortcut is empty: remove it or type one.");
    else if (/\s/u.test(shortcut)) problems.push(`The shortcut "${shortcut}" contains spaces.`);
    else if (shortcut.length > MAX_SHORTCUT_LENGTH)
      problems.push(`The shortcut is longer than ${MAX_SHORTCUT_LENGTH} characters.`);
  }
  return problems;
}

function variableProblems(body: string): string[] {
  const problems: string[] = [];
  if (/\{\{\s*\}\}/u.test(body))
    problems.push("There is an empty variable {{}}: write a name inside or remove it.");
  for (const name of cannedVariablesIn(body)) {
    if (KNOWN.has(name)) continue;
    const near = nearestVariable(name);
    problems.push(
      near
        ? `Unknown variable {{${name}}}: did you mean {{${near}}}?`
        : `Unknown variable {{${name}}}: use one of ${CANNED_VARIABLES.map((v) => `{{${v}}}`).join(", ")}.`,
    );
  }
  // A single pair of braces around a known name is a half-typed variable, which would be sent as is.
  for (const m of body.matchAll(/(?<!\{)\{\s*([a-z_]+)\s*\}(?!\})/gu)) {
    const name = m[1] ?? "";
    if (KNOWN.has(name)) problems.push(`"${m[0]}" needs double braces: {{${name}}}.`);
  }
  return problems;
}

/** A typo ("custmer_name") or a different case or separator ("Order Number") of a known variable. */
function nearestVariable(name: string): CannedVariable | null {
  const canonical = name.toLowerCase().replace(/[\s-]+/gu, "_");
  let best: CannedVariable | null = null;
  let bestDistance = 3;
  for (const known of CANNED_VARIABLES) {
    const distance = editDistance(canonical, known, bestDistance - 1);
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}

/** "{{" without its "}}" (or the reverse): the text in between would reach the customer half-rendered. */
function braceProblems(body: string): string[] {
  const problems: string[] = [];
  let i = 0;
  while (i < body.length) {
    const open = body.indexOf("{{", i);
    const close = body.indexOf("}}", i);
    if (open < 0 && close < 0) break;
    if (close >= 0 && (open < 0 || close < open)) {
      problems.push(`Unbalanced braces: "}}" without a matching "{{" near "${excerpt(body, close)}".`);
      i = close + 2;
      continue;
    }
    const nextOpen = body.indexOf("{{", open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      problems.push(`Unbalanced braces: "{{" without a matching "}}" near "${excerpt(body, open)}".`);
      i = open + 2;
      continue;
    }
    i = close + 2;
  }
  return problems;
}

function excerpt(text: string, at: number): string {
  return text.slice(Math.max(0, at - 10), at + 20).replace(/\s+/gu, " ");
}

/**
 * Fills the variables in. A first name we were not given is taken from the full name ("Anna Kowalska" →
 * "Anna"), since platforms usually give only a display name. Anything still missing, and any unknown
 * variable, becomes "[name]" and is listed in `missing`, so the agent sees what to fill before sending.
 * Values are inserted literally: a customer named "{{brand_name}}" is not expanded again.
 */
export function renderCannedReply(
  body: string,
  values: Partial<Record<CannedVariable, string>>,
): { text: string; missing: string[] } {
  const missing: string[] = [];
  if (typeof body !== "string") return { text: "", missing };
  const text = body.replace(VARIABLE, (whole, rawName: string) => {
    const name = rawName;
    if (name.length === 0) return whole;
    const value = isCannedVariable(name) ? valueFor(name, values) : null;
    if (value !== null) return value;
    if (!missing.includes(name)) missing.push(name);
    return `[${name}]`;
  });
  return { text, missing };
}

function valueFor(name: CannedVariable, values: Partial<Record<CannedVariable, string>>): string | null {
  const given = usable(values[name]);
  if (given !== null) return given;
  if (name === "customer_first_name") return firstNameOf(usable(values.customer_name));
  if (name === "agent_first_name") return firstNameOf(usable(values.agent_name));
  return null;
}

/** Callers pass values from JSON and platform profiles: null, numbers or blanks must not print as such. */
function usable(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : null;
}

function firstNameOf(fullName: string | null): string | null {
  if (fullName === null) return null;
  const first = fullName.split(/\s+/u)[0] ?? "";
  return first.length > 0 ? first : null;
}
