/**
 * Which team takes a conversation: the first enabled rule, in the order the team arranged them, whose
 * conditions all hold. A rule without conditions takes everything that reaches it, which makes it the
 * catch-all at the end of the list.
 */
import { PLATFORMS } from "../../domain/platform.ts";
import { PRIORITIES, type Priority } from "./priority.ts";

export type ConversationVisibility = "public" | "private";

/** Each list is one condition: the fact must be one of its values. An absent or empty list allows any. */
export interface RoutingConditions {
  categories?: string[];
  channelIds?: string[];
  platforms?: string[];
  languages?: string[];
  priorities?: Priority[];
  visibility?: ConversationVisibility[];
}

export interface RoutingRule {
  id: string;
  name: string;
  teamId: string;
  enabled: boolean;
  conditions: RoutingConditions;
}

export interface RoutingFacts {
  categoryKey: string | null;
  channelId: string;
  platform: string;
  language: string | null;
  priority: Priority;
  visibility: ConversationVisibility;
}

/** The fact each condition tests. */
const CONDITION_FACTS = {
  categories: "categoryKey",
  channelIds: "channelId",
  platforms: "platform",
  languages: "language",
  priorities: "priority",
  visibility: "visibility",
} as const satisfies Record<keyof RoutingConditions, keyof RoutingFacts>;

type ConditionKey = keyof typeof CONDITION_FACTS;
const CONDITION_KEYS = Object.keys(CONDITION_FACTS) as ConditionKey[];

export function routeConversation(
  rules: readonly RoutingRule[],
  facts: RoutingFacts,
): { teamId: string; ruleId: string } | null {
  const rule = rules.find((candidate) => candidate.enabled && conditionsHold(candidate.conditions, facts));
  return rule ? { teamId: rule.teamId, ruleId: rule.id } : null;
}

function conditionsHold(conditions: RoutingConditions, facts: RoutingFacts): boolean {
  return CONDITION_KEYS.every((key) => {
    const allowed: readonly string[] = conditions[key] ?? [];
    const value = facts[CONDITION_FACTS[key]];
    // A conversation with no category or language yet fails a condition on it: the rule asked for one.
    return allowed.length === 0 || (value !== null && allowed.includes(value));
  });
}

/** A language code such as "ru" or "lv"; "other" is what detection says when it cannot tell. */
const LANGUAGE_CODE = /^(?:[a-z]{2,3}|other)$/;
const VISIBILITIES: readonly string[] = ["public", "private"] satisfies ConversationVisibility[];

/**
 * What is wrong with a rule as an editor or an import sent it, in words for the person who wrote it; empty
 * when the rule is sound. `rule` is untrusted input, hence unknown.
 */
export function routingRuleProblems(rule: unknown, knownTeamIds: ReadonlySet<string>): string[] {
  if (!isRecord(rule))
    return ["A routing rule must be an object with an id, a name, a team, enabled and conditions."];
  const problems: string[] = [];
  if (typeof rule.id !== "string" || rule.id.trim() === "") problems.push("The rule has no id.");
  if (typeof rule.name !== "string" || rule.name.trim() === "") problems.push("The rule needs a name.");
  if (typeof rule.teamId !== "string" || rule.teamId.trim() === "")
    problems.push("Choose the team that takes the conversations this rule matches.");
  else if (!knownTeamIds.has(rule.teamId))
    problems.push(`Team ${JSON.stringify(rule.teamId)} does not exist; it may have been deleted.`);
  if (typeof rule.enabled !== "boolean") problems.push('"enabled" must be true or false.');
  if (!isRecord(rule.conditions))
    problems.push(
      'Conditions must be an object such as {"platforms": ["telegram"]}; use {} to match every conversation.',
    );
  else problems.push(...conditionProblems(rule.conditions));
  return problems;
}

function conditionProblems(conditions: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, list] of Object.entries(conditions)) {
    if (!isConditionKey(key)) {
      problems.push(`Unknown condition ${JSON.stringify(key)}; conditions are ${CONDITION_KEYS.join(", ")}.`);
      continue;
    }
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.push(`Condition "${key}" must be a list of values.`);
      continue;
    }
    if (list.some((value) => typeof value !== "string" || value.trim() === "")) {
      problems.push(`Condition "${key}" has an empty or non-text value.`);
      continue;
    }
    const unknown = (list as string[]).filter((value) => !valueIsKnown(key, value));
    if (unknown.length > 0) problems.push(unknownValuesProblem(key, unknown));
  }
  return problems;
}

function valueIsKnown(key: ConditionKey, value: string): boolean {
  switch (key) {
    case "platforms":
      return (PLATFORMS as readonly string[]).includes(value);
    case "priorities":
      return (PRIORITIES as readonly string[]).includes(value);
    case "visibility":
      return VISIBILITIES.includes(value);
    case "languages":
      return LANGUAGE_CODE.test(value);
    default:
      // Category keys and channel ids are the workspace's own; whether they still exist is checked where
      // the workspace is at hand.
      return true;
  }
}

function unknownValuesProblem(key: ConditionKey, values: readonly string[]): string {
  const shown = values.map((value) => JSON.stringify(value)).join(", ");
  const plural = values.length > 1;
  switch (key) {
    case "platforms":
      return `Unknown ${plural ? "platforms" : "platform"} ${shown}; use one of: ${PLATFORMS.join(", ")}.`;
    case "priorities":
      return `Unknown ${plural ? "priorities" : "priority"} ${shown}; use one of: ${PRIORITIES.join(", ")}.`;
    case "visibility":
      return `Unknown visibility ${shown}; use "public" or "private".`;
    default: {
      const what = plural ? "Languages" : "Language";
      const are = plural ? "are not language codes" : "is not a language code";
      return `${what} ${shown} ${are} such as "ru", "pl", "lv" or "en".`;
    }
  }
}

/**
 * Problems of a whole rule list: each rule's own, ids used twice, and enabled rules that can never apply
 * because an earlier enabled rule already takes every conversation they would (a catch-all placed too early).
 */
export function routingRuleSetProblems(
  rules: readonly RoutingRule[],
  knownTeamIds: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const seenIds = new Set<string>();
  // Only sound rules are compared for shadowing: a broken one may not even have condition lists.
  const sound: RoutingRule[] = [];
  rules.forEach((rule, index) => {
    const label = ruleLabel(rule, index);
    const own = routingRuleProblems(rule, knownTeamIds);
    for (const problem of own) problems.push(`${label}: ${problem}`);
    if (seenIds.has(rule.id))
      problems.push(`${label}: another rule already has the id ${JSON.stringify(rule.id)}.`);
    seenIds.add(rule.id);
    if (own.length > 0 || !rule.enabled) return;
    const shadow = sound.find((earlier) => covers(earlier, rule));
    if (shadow) {
      const earlierLabel = ruleLabel(shadow, rules.indexOf(shadow));
      problems.push(
        `${label} never applies: ${earlierLabel} comes first and takes every conversation it would.`,
      );
    }
    sound.push(rule);
  });
  return problems;
}

/** Whether every conversation `later` matches is matched by `earlier` too. */
function covers(earlier: RoutingRule, later: RoutingRule): boolean {
  return CONDITION_KEYS.every((key) => {
    const wide: readonly string[] = earlier.conditions[key] ?? [];
    const narrow: readonly string[] = later.conditions[key] ?? [];
    return wide.length === 0 || (narrow.length > 0 && narrow.every((value) => wide.includes(value)));
  });
}

function ruleLabel(rule: RoutingRule, index: number): string {
  const name = typeof rule.name === "string" && rule.name.trim() !== "" ? rule.name.trim() : null;
  return name ? `Rule ${index + 1} "${name}"` : `Rule ${index + 1}`;
}

function isConditionKey(key: string): key is ConditionKey {
  return Object.hasOwn(CONDITION_FACTS, key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
