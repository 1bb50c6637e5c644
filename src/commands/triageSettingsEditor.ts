import { eq } from "drizzle-orm";
import { z } from "zod";
import {
  type CommunityRules,
  communityRulesProblems,
  DEFAULT_COMMUNITY_RULES,
} from "../playbook/moderation/communityRules.ts";
import { HttpError } from "../server/httpError.ts";
import type { Db, DbOrTx } from "../store/database.ts";
import { triageSettings } from "../store/schema.ts";
import { webhookUrlProblem } from "../triage/automation/webhookUrl.ts";
import { DEFAULT_ESCALATION_KEYWORDS, DEFAULT_PRIORITY_SETTINGS } from "../triage/routing/priority.ts";
import { botConfigOf } from "../triage/triageConfig.ts";
import { type Actor, changeTriageConfig } from "./triageConfigChange.ts";

const WebhookUrl = z
  .string()
  .trim()
  .superRefine((url, ctx) => {
    const problem = webhookUrlProblem(url);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** Every field is optional: what is sent replaces the stored value, the rest stays as it is. */
export const TriageSettingsInput = z.object({
  /** null goes back to the built-in list, which grows with Parley's releases. */
  escalationKeywords: z.array(z.string().trim().min(1).max(200)).max(1000).nullable().optional(),
  highReach: z.number().int().min(0).max(1_000_000_000).optional(),
  bot: z
    .object({
      enabled: z.boolean().optional(),
      minConfidence: z.number().min(0.5, "Use at least 0.5").max(1, "Use at most 1").optional(),
      answerPublic: z.boolean().optional(),
      reviewRate: z.number().min(0).max(1).optional(),
    })
    .optional(),
  /** null goes back to the built-in rules; an object overrides them field by field. */
  communityRules: z.record(z.string(), z.unknown()).nullable().optional(),
  alertWebhookUrl: WebhookUrl.nullable().optional(),
  /** Addresses told of SLA breaches by e-mail. */
  alertEmails: z.array(z.email("Use e-mail addresses").max(320)).max(20).optional(),
  brandName: z.string().trim().max(200).optional(),
});
export type TriageSettingsInput = z.infer<typeof TriageSettingsInput>;

type Row = typeof triageSettings.$inferSelect;

function present(row: Row | undefined) {
  return {
    escalationKeywords: row?.escalationKeywords ?? null,
    highReach: row?.highReach ?? DEFAULT_PRIORITY_SETTINGS.highReach,
    bot: botConfigOf(row),
    communityRules: row?.communityRules ?? null,
    alertWebhookUrl: row?.alertWebhookUrl ?? null,
    alertEmails: row?.alertEmails ?? [],
    brandName: row?.brandName ?? "",
    updatedAt: row?.updatedAt ?? null,
    // What null stands for, so an editor can show and start from the built-in values.
    defaults: { escalationKeywords: DEFAULT_ESCALATION_KEYWORDS, communityRules: DEFAULT_COMMUNITY_RULES },
  };
}

export async function getTriageSettings(db: DbOrTx, workspaceId: string) {
  const [row] = await db.select().from(triageSettings).where(eq(triageSettings.workspaceId, workspaceId));
  return present(row);
}

export async function updateTriageSettings(db: Db, actor: Actor, input: TriageSettingsInput) {
  if (input.communityRules) {
    const problems = communityRulesProblems({
      ...DEFAULT_COMMUNITY_RULES,
      ...(input.communityRules as Partial<CommunityRules>),
    });
    if (problems.length > 0)
      throw new HttpError(400, "invalid_community_rules", `Invalid community rules: ${problems.join("; ")}`, {
        problems,
      });
  }
  const changes = {
    ...(input.escalationKeywords === undefined
      ? {}
      : { escalationKeywords: input.escalationKeywords && [...new Set(input.escalationKeywords)] }),
    ...(input.highReach === undefined ? {} : { highReach: input.highReach }),
    ...(input.bot?.enabled === undefined ? {} : { botEnabled: input.bot.enabled }),
    ...(input.bot?.minConfidence === undefined ? {} : { botMinConfidence: input.bot.minConfidence }),
    ...(input.bot?.answerPublic === undefined ? {} : { botAnswerPublic: input.bot.answerPublic }),
    ...(input.bot?.reviewRate === undefined ? {} : { botReviewRate: input.bot.reviewRate }),
    ...(input.communityRules === undefined ? {} : { communityRules: input.communityRules }),
    ...(input.alertWebhookUrl === undefined ? {} : { alertWebhookUrl: input.alertWebhookUrl }),
    ...(input.alertEmails === undefined ? {} : { alertEmails: [...new Set(input.alertEmails)] }),
    ...(input.brandName === undefined ? {} : { brandName: input.brandName }),
  };
  return changeTriageConfig(db, actor, async (tx) => {
    const [row] = await tx
      .insert(triageSettings)
      .values({ workspaceId: actor.workspaceId, ...changes })
      .onConflictDoUpdate({ target: triageSettings.workspaceId, set: { ...changes, updatedAt: new Date() } })
      .returning();
    return {
      result: present(row),
      audit: {
        action: "triage.settings_changed",
        targetType: "workspace",
        targetId: actor.workspaceId,
        // A webhook URL may carry a token in its path: the log says only whether one is set.
        details: {
          changed: Object.keys(changes),
          ...(input.alertWebhookUrl === undefined
            ? {}
            : { alertWebhookUrl: input.alertWebhookUrl ? "(set)" : null }),
        },
      },
    };
  });
}
