import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { HttpError } from "../server/httpError.ts";
import type { DbOrTx } from "../store/database.ts";
import { automationRules, contacts, conversations } from "../store/schema.ts";
import { selfTriggerProblems } from "../triage/automation/loopGuard.ts";
import { applyActionsToFacts, conditionsHold, type RuleFacts } from "../triage/automation/ruleEvaluator.ts";
import { type AutomationRule, RuleInput, ruleProblems } from "../triage/automation/ruleSchema.ts";
import { describeAction } from "../triage/automation/ruleText.ts";
import { parseStoredRule } from "../triage/automation/storedRule.ts";
import { loadRuleFacts } from "../triage/ruleFacts.ts";
import { actionReferenceProblems, workspaceRules } from "./automationRuleEditor.ts";
import { findOwnRow } from "./workspaceRows.ts";

export const DryRunInput = z
  .object({
    /** The rule as edited, saved or not. */
    rule: z.record(z.string(), z.unknown()).optional(),
    /** A saved rule: run as stored when `rule` is absent, and left out of its own loop check either way. */
    ruleId: z.uuid().optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .refine((input) => input.rule !== undefined || input.ruleId !== undefined, "Send a rule or a ruleId");
export type DryRunInput = z.infer<typeof DryRunInput>;

/** An unsaved rule needs an id for the loop check; this one can never clash with a stored rule. */
const UNSAVED_ID = "unsaved";

type Changes = Record<string, { from: unknown; to: unknown }>;

function changesOf(before: RuleFacts, after: RuleFacts): Changes {
  const changes: Changes = {};
  for (const [key, to] of Object.entries(after.conversation)) {
    const from = (before.conversation as Record<string, unknown>)[key];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

async function ruleToTry(db: DbOrTx, workspaceId: string, input: DryRunInput): Promise<AutomationRule> {
  if (input.rule === undefined) {
    const row = await findOwnRow(db, automationRules, workspaceId, input.ruleId!, "Automation rule");
    const rule = parseStoredRule(row);
    if (!rule) throw invalid(ruleProblems(row));
    return rule;
  }
  const parsed = RuleInput.safeParse(input.rule);
  if (!parsed.success) throw invalid(ruleProblems(input.rule));
  return { ...parsed.data, id: input.ruleId ?? UNSAVED_ID };
}

function invalid(problems: string[]): HttpError {
  return new HttpError(400, "invalid_rule", `Invalid automation rule: ${problems.join("; ")}`, { problems });
}

/**
 * What a rule would do to the most recent conversations, judged on their current state as if its event had
 * just happened. Only reads: nothing is written, no action runs, no run is logged.
 */
export async function dryRunAutomationRule(db: DbOrTx, workspaceId: string, input: DryRunInput) {
  const rule = await ruleToTry(db, workspaceId, input);
  const referenceProblems = await actionReferenceProblems(db, workspaceId, rule);
  if (referenceProblems.length > 0) throw invalid(referenceProblems);
  const others = (await workspaceRules(db, workspaceId)).filter((r) => r.id !== rule.id);
  const recent = await db
    .select({
      id: conversations.id,
      preview: conversations.lastMessagePreview,
      contactName: contacts.displayName,
      lastMessageAt: conversations.lastMessageAt,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(eq(conversations.workspaceId, workspaceId))
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(input.limit);
  const now = new Date();
  const matched = [];
  const notMatched = [];
  for (const conversation of recent) {
    const facts = await loadRuleFacts(db, conversation.id, rule.event, { now });
    if (!facts) continue;
    const verdict = conditionsHold(rule, facts);
    const summary = {
      conversationId: conversation.id,
      contactName: conversation.contactName,
      preview: conversation.preview,
      lastMessageAt: conversation.lastMessageAt.toISOString(),
    };
    if (verdict.matched)
      matched.push({
        ...summary,
        actionsPreview: rule.actions.map(describeAction),
        changes: changesOf(facts, applyActionsToFacts(facts, rule.actions)),
      });
    else notMatched.push({ ...summary, failed: verdict.failed });
  }
  return {
    matched,
    notMatched,
    checked: recent.length,
    loopWarnings: selfTriggerProblems({ ...rule, enabled: true }, others),
  };
}
