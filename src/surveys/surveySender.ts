import { eq, sql } from "drizzle-orm";
import { adapterFor } from "../channels/registry.ts";
import { withinReplyWindow } from "../domain/surveys/surveyDecision.ts";
import { surveyChoices, surveyLanguage, surveyQuestion } from "../domain/surveys/surveyWording.ts";
import { writeReply } from "../outbox/replySender.ts";
import type { Db, Tx } from "../store/database.ts";
import { channels, conversations, surveys } from "../store/schema.ts";
import { loadSurveySettings } from "./surveySettingsStore.ts";

const MAX_PER_PASS = 20;

export interface SenderLog {
  warn(details: object, message: string): void;
}

/**
 * Sends the surveys whose moment has come, each in its own transaction: claimed with SKIP LOCKED (several
 * workers share the queue, none sends one twice), written as a reply with its score buttons into the outbox
 * under a key of the survey's own, and marked sent in the same commit. Also lets unanswered surveys expire.
 */
export async function sendDueSurveys(db: Db, log: SenderLog): Promise<number> {
  await db.execute(sql`
    UPDATE surveys SET status = 'expired' WHERE status = 'sent' AND expires_at < now()`);
  let sent = 0;
  for (let i = 0; i < MAX_PER_PASS; i++) {
    let claimedId: string | null = null;
    try {
      const outcome = await db.transaction(async (tx) => {
        const claimed = (await tx.execute(sql`
          SELECT id FROM surveys WHERE status = 'scheduled' AND due_at <= now()
          ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED`)) as unknown as { rows: { id: string }[] };
        const id = claimed.rows[0]?.id;
        if (!id) return "none" as const;
        claimedId = id;
        return askSurvey(tx, id);
      });
      if (outcome === "none") break;
      if (outcome === "sent") sent += 1;
    } catch (err) {
      if (!claimedId) throw err;
      // A survey that cannot be written (the channel was disabled) is set aside, not retried every second.
      log.warn({ surveyId: claimedId, err: String(err) }, "survey could not be sent");
      await db
        .update(surveys)
        .set({ status: "skipped", skipReason: `error: ${String(err).slice(0, 200)}` })
        .where(eq(surveys.id, claimedId));
    }
  }
  return sent;
}

async function askSurvey(tx: Tx, surveyId: string): Promise<"sent" | "skipped"> {
  const [survey] = await tx.select().from(surveys).where(eq(surveys.id, surveyId));
  if (!survey) return "skipped";
  const skip = async (reason: string) => {
    await tx.update(surveys).set({ status: "skipped", skipReason: reason }).where(eq(surveys.id, surveyId));
    return "skipped" as const;
  };
  const [caseRow] = await tx.select().from(conversations).where(eq(conversations.id, survey.conversationId));
  // Reopened before the question went out (the customer wrote again, an agent took it up): not now.
  if (caseRow?.status !== "resolved") return skip("reopened_before_sending");
  if (!survey.askConversationId) return skip("public_thread_no_private_chat");
  const [chat] = await tx
    .select({
      lastInboundAt: conversations.lastInboundAt,
      platform: channels.platform,
      unsubscribedAt: conversations.unsubscribedAt,
    })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(eq(conversations.id, survey.askConversationId));
  if (!chat) return skip("public_thread_no_private_chat");
  const window = adapterFor(chat.platform)?.capabilities.privateReplyWindow?.hours;
  if (!withinReplyWindow(chat.lastInboundAt, window, new Date())) return skip("outside_reply_window");
  if (chat.unsubscribedAt) return skip("recipient_unsubscribed");

  const settings = await loadSurveySettings(tx, survey.workspaceId);
  const language = surveyLanguage(survey.language);
  const message = await writeReply(tx, {
    conversationId: survey.askConversationId,
    authorUserId: null,
    automatedBy: "survey",
    text: surveyQuestion(survey.kind, language),
    visibility: "private",
    choices: surveyChoices(survey.id, survey.kind, language),
    idempotencyKey: `parley-survey-${survey.id}`,
  });
  const now = new Date();
  await tx
    .update(surveys)
    .set({
      status: "sent",
      sentAt: now,
      expiresAt: new Date(now.getTime() + settings.answerWindowHours * 3_600_000),
      questionMessageId: message.id,
    })
    .where(eq(surveys.id, surveyId));
  return "sent";
}
