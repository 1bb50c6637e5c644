import { z } from "zod";
import type { Db } from "../store/database.ts";
import { auditLog, surveySettings } from "../store/schema.ts";
import { loadSurveySettings, type SurveySettings } from "../surveys/surveySettingsStore.ts";

/** Every field optional: what is sent replaces the stored value, the rest stays. */
export const SurveySettingsInput = z.object({
  enabled: z.boolean().optional(),
  kind: z.enum(["csat", "nps"]).optional(),
  /** Seconds after the resolution; up to a week. */
  delaySeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .optional(),
  csatLowMax: z.number().int().min(1).max(5).optional(),
  npsLowMax: z.number().int().min(0).max(10).optional(),
  lowScoreAction: z.enum(["reopen", "follow_up"]).optional(),
  askComment: z.boolean().optional(),
  answerWindowHours: z
    .number()
    .int()
    .min(1)
    .max(30 * 24)
    .optional(),
  resurveyAfterDays: z.number().int().min(0).max(365).optional(),
  checkInEnabled: z.boolean().optional(),
  checkInDelaySeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .optional(),
  /** null: pending cases never resolve themselves. */
  autoResolvePendingDays: z.number().int().min(1).max(365).nullable().optional(),
});
export type SurveySettingsInput = z.infer<typeof SurveySettingsInput>;

export function presentSurveySettings(settings: SurveySettings) {
  const { workspaceId: _workspaceId, ...rest } = settings;
  return rest;
}

export async function updateSurveySettings(
  db: Db,
  actor: { workspaceId: string; userId: string },
  input: SurveySettingsInput,
): Promise<SurveySettings> {
  return db.transaction(async (tx) => {
    const current = await loadSurveySettings(tx, actor.workspaceId);
    const next = { ...current, ...input, workspaceId: actor.workspaceId };
    await tx
      .insert(surveySettings)
      .values({ ...next, updatedAt: new Date() })
      .onConflictDoUpdate({ target: surveySettings.workspaceId, set: { ...next, updatedAt: new Date() } });
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "survey_settings.updated",
      targetType: "workspace",
      targetId: actor.workspaceId,
      details: input,
    });
    return next;
  });
}
