import { eq } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";
import { surveySettings } from "../store/schema.ts";

export type SurveySettings = Omit<typeof surveySettings.$inferSelect, "updatedAt">;

export function defaultSurveySettings(workspaceId: string): SurveySettings {
  return {
    workspaceId,
    enabled: false,
    kind: "csat",
    delaySeconds: 300,
    csatLowMax: 2,
    npsLowMax: 6,
    lowScoreAction: "follow_up",
    askComment: true,
    answerWindowHours: 72,
    resurveyAfterDays: 30,
    checkInEnabled: false,
    checkInDelaySeconds: 86_400,
    autoResolvePendingDays: null,
  };
}

/** The workspace's survey and follow-up settings; the defaults (surveys off) until an admin saves some. */
export async function loadSurveySettings(db: DbOrTx, workspaceId: string): Promise<SurveySettings> {
  const [row] = await db.select().from(surveySettings).where(eq(surveySettings.workspaceId, workspaceId));
  if (!row) return defaultSurveySettings(workspaceId);
  const { updatedAt: _updatedAt, ...settings } = row;
  return settings;
}
