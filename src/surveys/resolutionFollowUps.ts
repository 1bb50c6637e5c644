import { and, eq, gt, inArray } from "drizzle-orm";
import { adapterFor } from "../channels/registry.ts";
import { decideSurvey } from "../domain/surveys/surveyDecision.ts";
import { surveyLanguage } from "../domain/surveys/surveyWording.ts";
import type { Tx } from "../store/database.ts";
import { channels, type conversations, followUps, surveys } from "../store/schema.ts";
import { privateChatOf } from "./privateChat.ts";
import { loadSurveySettings } from "./surveySettingsStore.ts";

type ConversationRow = typeof conversations.$inferSelect;

/**
 * What a resolution sets in motion, in the transaction that handles it: the satisfaction survey (or a skipped
 * one with its reason, so a missing survey can be explained) and the "Did this help?" check-in, both due later
 * and sent by the worker. Triage calls this for every status change to resolved, whoever made it.
 */
export async function scheduleAfterResolution(
  tx: Tx,
  conversation: ConversationRow,
  options: { automatic: boolean; at: Date },
): Promise<void> {
  const settings = await loadSurveySettings(tx, conversation.workspaceId);
  if (settings.enabled) await scheduleSurvey(tx, conversation, settings, options);
  if (settings.checkInEnabled && !options.automatic) {
    await tx.insert(followUps).values({
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      kind: "check_in",
      dueAt: new Date(options.at.getTime() + settings.checkInDelaySeconds * 1000),
    });
  }
}

async function scheduleSurvey(
  tx: Tx,
  conversation: ConversationRow,
  settings: Awaited<ReturnType<typeof loadSurveySettings>>,
  options: { automatic: boolean; at: Date },
): Promise<void> {
  const since = new Date(options.at.getTime() - settings.resurveyAfterDays * 86_400_000);
  // One survey per case: a case resolved again (reopened by the customer, by a low score, by an agent) within
  // the re-survey period has had its question.
  const [earlier] = await tx
    .select({ id: surveys.id })
    .from(surveys)
    .where(
      and(
        eq(surveys.conversationId, conversation.id),
        inArray(surveys.status, ["scheduled", "sent", "answered", "expired"]),
        gt(surveys.createdAt, since),
      ),
    )
    .limit(1);
  const chat = await privateChatOf(tx, conversation);
  const [channel] = await tx
    .select({ platform: channels.platform })
    .from(channels)
    .where(eq(channels.id, conversation.channelId));
  const dueAt = new Date(options.at.getTime() + settings.delaySeconds * 1000);
  const decision = decideSurvey({
    enabled: settings.enabled,
    visibility: conversation.visibility,
    resolvedAutomatically: options.automatic,
    alreadySurveyed: earlier !== undefined,
    privateChat: chat,
    replyWindowHours: channel
      ? adapterFor(channel.platform)?.capabilities.privateReplyWindow?.hours
      : undefined,
    sendAt: dueAt,
  });
  // A repeat of the same case is not recorded again: the first survey already speaks for it.
  if (!decision.ask && decision.reason === "already_surveyed") return;
  await tx.insert(surveys).values({
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    askConversationId: chat?.id ?? null,
    channelId: conversation.channelId,
    kind: settings.kind,
    status: decision.ask ? "scheduled" : "skipped",
    skipReason: decision.ask ? null : decision.reason,
    language: surveyLanguage(conversation.language),
    teamId: conversation.teamId,
    assigneeId: conversation.assigneeId,
    resolvedAt: options.at,
    dueAt,
  });
}
