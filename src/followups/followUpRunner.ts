import { eq, sql } from "drizzle-orm";
import { adapterFor } from "../channels/registry.ts";
import { withinReplyWindow } from "../domain/surveys/surveyDecision.ts";
import { checkInChoices, surveyLanguage, wordingFor } from "../domain/surveys/surveyWording.ts";
import { notifyUsers, teamMemberIds } from "../notifications/userNotifications.ts";
import { writeReply } from "../outbox/replySender.ts";
import type { Db, Tx } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { channels, conversations, followUps } from "../store/schema.ts";
import { privateChatOf } from "../surveys/privateChat.ts";
import { reopenCase } from "../surveys/surveyReplies.ts";

const MAX_PER_PASS = 20;

type FollowUpRow = typeof followUps.$inferSelect;

export interface FollowUpLog {
  warn(details: object, message: string): void;
}

/**
 * Runs the follow-ups whose time has come: "Did this help?" check-ins and snoozed conversations waking. Each is
 * claimed with SKIP LOCKED and done in its own transaction, so several workers share them and a restart picks
 * up where the last process stopped: the due rows are in the database, not in a timer.
 */
export async function runDueFollowUps(db: Db, log: FollowUpLog): Promise<number> {
  let done = 0;
  for (let i = 0; i < MAX_PER_PASS; i++) {
    let claimedId: string | null = null;
    try {
      const outcome = await db.transaction(async (tx) => {
        const claimed = (await tx.execute(sql`
          SELECT id FROM follow_ups
          WHERE status = 'pending' AND due_at <= now() AND kind IN ('check_in', 'snooze')
          ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED`)) as unknown as { rows: { id: string }[] };
        const id = claimed.rows[0]?.id;
        if (!id) return false;
        claimedId = id;
        const [followUp] = await tx.select().from(followUps).where(eq(followUps.id, id));
        if (followUp?.kind === "check_in") await sendCheckIn(tx, followUp);
        else if (followUp?.kind === "snooze") await wakeSnoozed(tx, followUp);
        return true;
      });
      if (!outcome) break;
      done += 1;
    } catch (err) {
      if (!claimedId) throw err;
      log.warn({ followUpId: claimedId, err: String(err) }, "follow-up failed");
      await db
        .update(followUps)
        .set({ status: "skipped", reason: `error: ${String(err).slice(0, 200)}`, doneAt: new Date() })
        .where(eq(followUps.id, claimedId));
    }
  }
  return done;
}

async function finish(
  tx: Tx,
  followUp: FollowUpRow,
  status: FollowUpRow["status"],
  reason: string | null,
  details = {},
) {
  await tx
    .update(followUps)
    .set({ status, reason, doneAt: new Date(), details: { ...followUp.details, ...details } })
    .where(eq(followUps.id, followUp.id));
}

async function sendCheckIn(tx: Tx, followUp: FollowUpRow): Promise<void> {
  const [conversation] = await tx
    .select()
    .from(conversations)
    .where(eq(conversations.id, followUp.conversationId));
  if (conversation?.status !== "resolved") return finish(tx, followUp, "skipped", "reopened");
  const chat = await privateChatOf(tx, conversation);
  if (!chat) return finish(tx, followUp, "skipped", "public_thread_no_private_chat");
  const [channel] = await tx
    .select({ platform: channels.platform })
    .from(channels)
    .where(eq(channels.id, conversation.channelId));
  const window = channel ? adapterFor(channel.platform)?.capabilities.privateReplyWindow?.hours : undefined;
  if (!withinReplyWindow(chat.lastInboundAt, window, new Date()))
    return finish(tx, followUp, "skipped", "outside_reply_window");
  if (chat.unsubscribedAt) return finish(tx, followUp, "skipped", "recipient_unsubscribed");
  const language = surveyLanguage(conversation.language);
  const message = await writeReply(tx, {
    conversationId: chat.id,
    authorUserId: null,
    automatedBy: "follow_up",
    text: wordingFor(language).checkIn,
    visibility: "private",
    choices: checkInChoices(followUp.id, language),
    idempotencyKey: `parley-checkin-${followUp.id}`,
  });
  await tx.update(followUps).set({ chatId: chat.id }).where(eq(followUps.id, followUp.id));
  await finish(tx, followUp, "done", null, { sentAt: new Date().toISOString(), messageId: message.id });
}

/**
 * A snoozed conversation comes back at its time: to "open" if it still waits on the customer, and its assignee
 * (or, unassigned, its team) is told. A case resolved meanwhile stays resolved and nobody is disturbed.
 */
async function wakeSnoozed(tx: Tx, followUp: FollowUpRow): Promise<void> {
  const [conversation] = await tx
    .select()
    .from(conversations)
    .where(eq(conversations.id, followUp.conversationId))
    .for("update");
  if (!conversation || conversation.status === "resolved")
    return finish(tx, followUp, "cancelled", "resolved");
  if (conversation.status === "pending")
    await reopenCase(tx, conversation.id, conversation.workspaceId, {
      reason: "snooze_ended",
      followUpId: followUp.id,
    });
  const people = conversation.assigneeId
    ? [conversation.assigneeId]
    : conversation.teamId
      ? await teamMemberIds(tx, [conversation.teamId])
      : followUp.createdBy
        ? [followUp.createdBy]
        : [];
  await notifyUsers(tx, conversation.workspaceId, people, {
    kind: "snooze_ended",
    conversationId: conversation.id,
    text: "A snoozed conversation is back",
    data: { snoozedBy: followUp.createdBy, note: followUp.details.note ?? null },
  });
  await finish(tx, followUp, "done", null, { notified: people });
  await notifyChange(tx, {
    workspaceId: conversation.workspaceId,
    type: "conversation.updated",
    conversationId: conversation.id,
  });
}
