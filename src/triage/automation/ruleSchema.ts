import { z } from "zod";
import { conditionProblem } from "./conditionCheck.ts";
import {
  CONDITION_FIELDS,
  CONDITION_OPERATORS,
  EVENTS_WITH_MESSAGE,
  PRIORITIES,
  RULE_EVENTS,
  STATUSES,
  VISIBILITIES,
} from "./ruleVocabulary.ts";
import { webhookUrlProblem } from "./webhookUrl.ts";

export const MAX_CONDITIONS = 20;
export const MAX_ACTIONS = 10;

/** zod's own enum message lists the options but not what was sent; an editor wants both. */
function unknownOf(what: string, options: readonly string[]) {
  return (issue: { input?: unknown }) =>
    `Unknown ${what} ${JSON.stringify(issue.input)}; use one of: ${options.join(", ")}`;
}

export const RuleEvent = z.enum(RULE_EVENTS, { error: unknownOf("event", RULE_EVENTS) });
export type RuleEvent = z.infer<typeof RuleEvent>;

export const ConditionField = z.enum(CONDITION_FIELDS, {
  error: unknownOf("condition field", CONDITION_FIELDS),
});
export type ConditionField = z.infer<typeof ConditionField>;

export const ConditionOperator = z.enum(CONDITION_OPERATORS, {
  error: unknownOf("operator", CONDITION_OPERATORS),
});
export type ConditionOperator = z.infer<typeof ConditionOperator>;

export const ConditionValue = z.union(
  [z.string().max(500), z.number(), z.boolean(), z.array(z.string().max(200)).max(100)],
  { error: "A condition value is text (up to 500 characters), a number, true/false or a list of texts" },
);
export type ConditionValue = z.infer<typeof ConditionValue>;

export const RuleMatch = z.enum(["all", "any"], { error: unknownOf("match", ["all", "any"]) });
export type RuleMatch = z.infer<typeof RuleMatch>;

export const RuleCondition = z
  .object({
    field: ConditionField,
    operator: ConditionOperator,
    value: ConditionValue.nullable().optional(),
  })
  .superRefine((condition, ctx) => {
    const problem = conditionProblem(condition);
    if (problem) ctx.addIssue({ code: "custom", message: problem.message, path: [problem.path] });
  });
export type RuleCondition = z.infer<typeof RuleCondition>;

const Id = z.uuid({ error: "Expected an id (a UUID)" });
const Label = z.string().trim().min(1, "A label needs a name").max(100);
const Priority = z.enum(PRIORITIES, { error: unknownOf("priority", PRIORITIES) });
const Status = z.enum(STATUSES, { error: unknownOf("status", STATUSES) });
const Visibility = z.enum(VISIBILITIES, { error: unknownOf("visibility", VISIBILITIES) });

const WebhookUrl = z
  .string()
  .trim()
  .superRefine((url, ctx) => {
    const problem = webhookUrlProblem(url);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const ACTION_SCHEMAS = [
  z.object({ type: z.literal("assign_agent"), userId: Id }),
  z.object({ type: z.literal("assign_team"), teamId: Id }),
  z.object({ type: z.literal("set_category"), categoryKey: z.string().trim().min(1).max(100) }),
  z.object({ type: z.literal("set_priority"), priority: Priority }),
  z.object({ type: z.literal("set_status"), status: Status }),
  z.object({ type: z.literal("add_label"), label: Label }),
  z.object({ type: z.literal("remove_label"), label: Label }),
  z.object({ type: z.literal("send_canned_reply"), cannedReplyId: Id, visibility: Visibility }),
  z.object({ type: z.literal("private_reply"), text: z.string().trim().min(1).max(2000) }),
  z.object({ type: z.literal("hide_comment") }),
  z
    .object({
      type: z.literal("notify"),
      userIds: z.array(Id).max(50).optional(),
      teamId: Id.optional(),
      text: z.string().trim().min(1).max(1000),
    })
    // A notification to nobody would pass silently; refusing it at save time is kinder than losing it later.
    .refine((a) => (a.userIds?.length ?? 0) > 0 || a.teamId !== undefined, {
      message: "notify needs userIds or a teamId to tell",
      path: ["userIds"],
    }),
  z.object({ type: z.literal("call_webhook"), url: WebhookUrl }),
] as const;

const ACTION_TYPES = ACTION_SCHEMAS.map((schema) => schema.shape.type.value);

export const RuleAction = z.discriminatedUnion("type", ACTION_SCHEMAS, {
  error: (issue) => {
    if (issue.code !== "invalid_union") return undefined;
    const type =
      typeof issue.input === "object" && issue.input !== null ? Reflect.get(issue.input, "type") : undefined;
    return `Unknown action type ${JSON.stringify(type)}; use one of: ${ACTION_TYPES.join(", ")}`;
  },
});
export type RuleAction = z.infer<typeof RuleAction>;
export type RuleActionType = RuleAction["type"];

const RuleFields = z.object({
  name: z.string().trim().min(1, "Give the rule a name").max(200, "A rule name is at most 200 characters"),
  enabled: z.boolean().default(true),
  event: RuleEvent,
  conditions: z
    .array(RuleCondition)
    .max(MAX_CONDITIONS, `A rule has at most ${MAX_CONDITIONS} conditions`)
    .default([]),
  match: RuleMatch.default("all"),
  actions: z
    .array(RuleAction)
    .min(1, "Add at least one action")
    .max(MAX_ACTIONS, `A rule has at most ${MAX_ACTIONS} actions`),
});

/** Actions that set one value: a second of the same kind would silently override the first. */
const SINGLE_ACTIONS: readonly RuleActionType[] = [
  "assign_agent",
  "assign_team",
  "set_category",
  "set_priority",
  "set_status",
  "hide_comment",
];

type RuleShape = z.infer<typeof RuleFields>;

function checkWholeRule(rule: RuleShape, ctx: z.RefinementCtx): void {
  rule.conditions.forEach((condition, index) => {
    if (condition.field === "text" && !EVENTS_WITH_MESSAGE.includes(rule.event)) {
      ctx.addIssue({
        code: "custom",
        path: ["conditions", index, "field"],
        message: `${rule.event} carries no message, so a text condition never holds; text works with: ${EVENTS_WITH_MESSAGE.join(", ")}`,
      });
    }
  });
  const seen = new Set<RuleActionType>();
  const added = new Set<string>();
  const removed = new Set<string>();
  rule.actions.forEach((action, index) => {
    if (SINGLE_ACTIONS.includes(action.type) && seen.has(action.type)) {
      ctx.addIssue({
        code: "custom",
        path: ["actions", index],
        message: `Only one ${action.type} action per rule: a second would override the first`,
      });
    }
    seen.add(action.type);
    if (action.type === "add_label") added.add(action.label);
    if (action.type === "remove_label") removed.add(action.label);
    const label = action.type === "add_label" || action.type === "remove_label" ? action.label : null;
    if (label !== null && added.has(label) && removed.has(label)) {
      ctx.addIssue({
        code: "custom",
        path: ["actions", index],
        message: `The rule both adds and removes the label "${label}"`,
      });
    }
  });
}

/** What the API takes to create or replace a rule. */
export const RuleInput = RuleFields.superRefine(checkWholeRule);
export type RuleInput = z.infer<typeof RuleInput>;

export const AutomationRule = RuleFields.extend({ id: z.string().min(1).max(100) }).superRefine(
  checkWholeRule,
);
export type AutomationRule = z.infer<typeof AutomationRule>;

/** Every reason a rule input is refused, as "where: why" lines for an editor; empty when it is valid. */
export function ruleProblems(input: unknown): string[] {
  const result = RuleInput.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const where = pathText(issue.path);
    return where === "" ? issue.message : `${where}: ${issue.message}`;
  });
}

function pathText(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text === "" ? String(key) : `.${String(key)}`;
  }
  return text;
}
