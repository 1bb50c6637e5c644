import type { automationRules } from "../../store/schema.ts";
import { AutomationRule } from "./ruleSchema.ts";

export type StoredRuleRow = Pick<
  typeof automationRules.$inferSelect,
  "id" | "name" | "enabled" | "event" | "match" | "conditions" | "actions"
>;

/**
 * A stored automation rule as triage runs it, or null when it no longer parses: a rule saved under an older
 * vocabulary is skipped rather than allowed to break triage, and the editor shows why from the same verdict.
 */
export function parseStoredRule(row: StoredRuleRow): AutomationRule | null {
  const parsed = AutomationRule.safeParse({
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    event: row.event,
    match: row.match,
    conditions: row.conditions,
    actions: row.actions,
  });
  return parsed.success ? parsed.data : null;
}
