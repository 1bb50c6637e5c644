import { and, desc, eq, gt, inArray, isNull, ne } from "drizzle-orm";
import { markReportStale } from "../analytics/reportEvents.ts";
import type { InboundMessage } from "../domain/inboundEvent.ts";
import { isLowScore, readSurveyChoice } from "../domain/surveys/surveyDecision.ts";
import { parseSurveyAnswer } from "../domain/surveys/surveyScore.ts";
import { readCheckInChoice, readYesNo, surveyLanguage, wordingFor } from "../domain/surveys/surveyWording.ts";
import { notifyUsers, supervisorIds } from "../notifications/userNotifications.ts";
import { writeReply } from "../outbox/replySender.ts";
import type { Tx } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { auditLog, conversations, followUps, surveys, teamMembers, users } from "../store/schema.ts";
import { recordConversationEvent } from "../triage/conversationEvents.ts";
import { loadSurveySettings } from "./surveySettingsStore.ts";

type SurveyRow = typeof surveys.$inferSelect;
type FollowUpRow = typeof followUps.$inferSelect;

/** How long after a score its optional comment is still taken as one. */
const COMMENT_WINDOW_MS = 24 * 3_600_000;
/** How long a "Did this help?" waits for its yes or no. */
const CHECK_IN_ANSWER_MS = 72 * 3_600_000;

/** An incoming message that answers Parley's own question rather than starting something for the team. */
export type SurveyReply =
  | { kind: "score"; survey: SurveyRow; score: number; via: "button" | "text" }
  | { kind: "comment"; survey: SurveyRow }
  | { kind: "repeat" }
  | { kind: "check_in"; followUp: FollowUpRow; helped: boolean };

/**
 * Decides whether a customer's message in this chat answers an open survey or check-in. Such a message is
 * stored like any other but neither reopens the case nor starts an SLA clock (the caller skips both). A text
 * that is not a score, sent while a survey waits for one, is kept as the survey's comment (never as a score)
 * and is not taken: it may be a new question, so it reaches the team as usual.
 */
export async function takeSurveyReply(
  tx: Tx,
  conversationId: string,
  event: InboundMessage,
): Promise<SurveyReply | null> {
  const now = new Date();
  const pressed = readSurveyChoice(event.choice);
  if (pressed) {
    const [survey] = await tx
      .select()
      .from(surveys)
      .where(and(eq(surveys.id, pressed.surveyId), eq(surveys.askConversationId, conversationId)))
      .for("update");
    if (!survey) return null;
    const open = survey.status === "sent" && (!survey.expiresAt || survey.expiresAt > now);
    return open ? { kind: "score", survey, score: pressed.score, via: "button" } : { kind: "repeat" };
  }
  const checkInPress = readCheckInChoice(event.choice);
  if (checkInPress) {
    const [followUp] = await tx
      .select()
      .from(followUps)
      .where(eq(followUps.id, checkInPress.followUpId))
      .for("update");
    // The question went to the person's private chat, which is the case itself unless the case was public.
    if (!followUp || followUp.chatId !== conversationId) return null;
    return followUp.answer === null
      ? { kind: "check_in", followUp, helped: checkInPress.helped }
      : { kind: "repeat" };
  }
  const text = event.text.trim();
  if (text.length === 0) return null;

  const [survey] = await tx
    .select()
    .from(surveys)
    .where(and(eq(surveys.askConversationId, conversationId), inArray(surveys.status, ["sent", "answered"])))
    .orderBy(desc(surveys.sentAt))
    .limit(1)
    .for("update");
  if (survey?.status === "sent" && survey.expiresAt && survey.expiresAt > now) {
    const answer = parseSurveyAnswer(text, survey.kind);
    if (answer.kind === "score") return { kind: "score", survey, score: answer.score, via: "text" };
    if (survey.comment === null)
      await tx
        .update(surveys)
        .set({ comment: text.slice(0, 2000), commentedAt: now })
        .where(eq(surveys.id, survey.id));
    return null;
  }
  if (
    survey?.status === "answered" &&
    survey.comment === null &&
    survey.answeredAt &&
    now.getTime() - survey.answeredAt.getTime() < COMMENT_WINDOW_MS
  ) {
    const settings = await loadSurveySettings(tx, survey.workspaceId);
    if (settings.askComment)
      return parseSurveyAnswer(text, survey.kind).kind === "score"
        ? { kind: "repeat" }
        : { kind: "comment", survey };
  }

  const [checkIn] = await tx
    .select()
    .from(followUps)
    .where(
      and(
        eq(followUps.chatId, conversationId),
        eq(followUps.kind, "check_in"),
        eq(followUps.status, "done"),
        isNull(followUps.answer),
        gt(followUps.doneAt, new Date(now.getTime() - CHECK_IN_ANSWER_MS)),
      ),
    )
    .orderBy(desc(followUps.doneAt))
    .limit(1)
    .for("update");
  const helped = checkIn ? readYesNo(text) : null;
  return checkIn && helped !== null ? { kind: "check_in", followUp: checkIn, helped } : null;
}

/** Records a reply `takeSurveyReply` took, once its message is stored, and answers the customer. */
export async function recordSurveyReply(
  tx: Tx,
  reply: SurveyReply,
  event: InboundMessage,
  messageId: string,
): Promise<void> {
  const now = new Date();
  if (reply.kind === "repeat") return;
  if (reply.kind === "comment") {
    await tx
      .update(surveys)
      .set({ comment: event.text.trim().slice(0, 2000), commentedAt: now })
      .where(eq(surveys.id, reply.survey.id));
    return;
  }
  if (reply.kind === "check_in") return recordCheckInAnswer(tx, reply.followUp, reply.helped, event);

  const { survey, score } = reply;
  const settings = await loadSurveySettings(tx, survey.workspaceId);
  const low = isLowScore(survey.kind, score, settings);
  await tx
    .update(surveys)
    .set({
      status: "answered",
      score,
      answeredAt: now,
      answeredWith: reply.via,
      lowScoreAction: low ? settings.lowScoreAction : null,
    })
    .where(eq(surveys.id, survey.id));
  // The CSAT and NPS reports read the case's answers from its facts.
  await markReportStale(tx, survey.workspaceId, survey.conversationId);
  await tx.insert(auditLog).values({
    workspaceId: survey.workspaceId,
    action: "survey.answered",
    targetType: "conversation",
    targetId: survey.conversationId,
    details: { surveyId: survey.id, kind: survey.kind, score, via: reply.via, messageId, low },
  });
  if (low) {
    if (settings.lowScoreAction === "reopen")
      await reopenCase(tx, survey.conversationId, survey.workspaceId, {
        reason: "low_score",
        surveyId: survey.id,
      });
    else await createLowScoreFollowUp(tx, survey, score);
  }
  // Always a word back: the customer sees the answer arrived, and a Telegram button stops spinning.
  const words = wordingFor(surveyLanguage(survey.language));
  await writeReply(tx, {
    conversationId: survey.askConversationId!,
    authorUserId: null,
    automatedBy: "survey",
    text: settings.askComment ? words.commentPrompt : words.thanks,
    visibility: "private",
    acknowledgeChoiceId: event.choiceAckId,
    idempotencyKey: `parley-survey-${survey.id}-answer`,
  });
  await notifyChange(tx, {
    workspaceId: survey.workspaceId,
    type: "conversation.updated",
    conversationId: survey.conversationId,
  });
}

async function recordCheckInAnswer(
  tx: Tx,
  followUp: FollowUpRow,
  helped: boolean,
  event: InboundMessage,
): Promise<void> {
  await tx
    .update(followUps)
    .set({
      answer: helped ? "yes" : "no",
      details: { ...followUp.details, answeredAt: new Date().toISOString() },
    })
    .where(eq(followUps.id, followUp.id));
  if (!helped)
    await reopenCase(tx, followUp.conversationId, followUp.workspaceId, {
      reason: "check_in_not_helped",
      followUpId: followUp.id,
    });
  const [conversation] = await tx
    .select({ language: conversations.language })
    .from(conversations)
    .where(eq(conversations.id, followUp.conversationId));
  const words = wordingFor(surveyLanguage(conversation?.language));
  const chatId = followUp.chatId ?? followUp.conversationId;
  await writeReply(tx, {
    conversationId: chatId,
    authorUserId: null,
    automatedBy: "follow_up",
    text: helped ? words.checkInYes : words.checkInNo,
    visibility: "private",
    acknowledgeChoiceId: event.choiceAckId,
    idempotencyKey: `parley-checkin-${followUp.id}-answer`,
  });
}

/** Reopens a resolved case for the team, as a status change triage and the SLA clocks see. */
export async function reopenCase(
  tx: Tx,
  conversationId: string,
  workspaceId: string,
  details: Record<string, unknown>,
): Promise<void> {
  const [before] = await tx
    .select({ status: conversations.status })
    .from(conversations)
    .where(eq(conversations.id, conversationId))
    .for("update");
  if (!before || before.status === "open" || before.status === "new") return;
  await tx
    .update(conversations)
    .set({ status: "open", awaitingReply: true, updatedAt: new Date() })
    .where(eq(conversations.id, conversationId));
  await recordConversationEvent(tx, {
    workspaceId,
    conversationId,
    type: "status_changed",
    details: { status: "open", before, ...details },
  });
  await tx.insert(auditLog).values({
    workspaceId,
    action: "conversation.reopened",
    targetType: "conversation",
    targetId: conversationId,
    details,
  });
  await notifyChange(tx, { workspaceId, type: "conversation.updated", conversationId });
}

/** A low score left resolved: a follow-up for the team's leads (its supervisors; else every supervisor). */
async function createLowScoreFollowUp(tx: Tx, survey: SurveyRow, score: number): Promise<void> {
  const leads = survey.teamId
    ? (
        await tx
          .select({ id: users.id })
          .from(teamMembers)
          .innerJoin(users, eq(users.id, teamMembers.userId))
          .where(
            and(eq(teamMembers.teamId, survey.teamId), ne(users.role, "agent"), eq(users.disabled, false)),
          )
      ).map((row) => row.id)
    : [];
  const notified = leads.length > 0 ? leads : await supervisorIds(tx, survey.workspaceId);
  await tx.insert(followUps).values({
    workspaceId: survey.workspaceId,
    conversationId: survey.conversationId,
    kind: "low_score",
    dueAt: new Date(),
    userId: notified[0] ?? null,
    details: { surveyId: survey.id, kind: survey.kind, score, assigneeId: survey.assigneeId },
  });
  await notifyUsers(tx, survey.workspaceId, notified, {
    kind: "survey_low_score",
    conversationId: survey.conversationId,
    text: `A customer rated a resolved case ${score} (${survey.kind.toUpperCase()})`,
    data: { score, surveyKind: survey.kind },
  });
}
