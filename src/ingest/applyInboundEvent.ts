import { and, eq, sql } from "drizzle-orm";
import { type ConversationStatus, statusAfterInbound } from "../domain/conversation.ts";
import { deliveryStatusAfter, type ReportedDeliveryStatus } from "../domain/deliveryStatus.ts";
import type {
  InboundChannelNotice,
  InboundEvent,
  InboundMessage,
  InboundThreadNote,
  PostContext,
} from "../domain/inboundEvent.ts";
import { notifyAdmins } from "../notifications/userNotifications.ts";
import { searchVectorOf } from "../search/searchVector.ts";
import type { ChannelRow } from "../store/channelStore.ts";
import type { Tx } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { conversations, messages, outbox, posts } from "../store/schema.ts";
import { recordSurveyReply, type SurveyReply, takeSurveyReply } from "../surveys/surveyReplies.ts";
import { type ConversationEventInput, recordConversationEvent } from "../triage/conversationEvents.ts";
import { resolveContact } from "./contactResolver.ts";
import { AWAITS_ANSWER, type IngestBatch, type NewMessage } from "./ingestBatch.ts";
import { claimEchoOfOwnSend } from "./ownSendEcho.ts";

const PREVIEW_LENGTH = 160;

/**
 * A delivery status for a message whose send has not been recorded yet. Normal for WhatsApp, whose "sent"
 * can beat the API's own answer: the event is retried every second for a minute rather than backing off.
 */
export class SendInFlightError extends Error {
  override readonly name = "SendInFlightError";
  constructor(externalId: string) {
    super(`No message ${externalId} yet while a send is in flight; retrying`);
  }
}

export function previewOf(text: string, attachmentCount: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length > 0) return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
  return attachmentCount > 0 ? `[${attachmentCount} attachment${attachmentCount > 1 ? "s" : ""}]` : "";
}

/** What every new conversation of a channel's thread starts with: its place, its customer, the channel's team. */
function threadOf(channel: ChannelRow, contactId: string, threadKey: string) {
  return {
    workspaceId: channel.workspaceId,
    channelId: channel.id,
    contactId,
    threadKey,
    teamId: channel.teamId,
  };
}

/**
 * Applies one normalized event inside the caller's transaction. Idempotent: replays change nothing. Within an
 * ingest batch, a new message's insert and history wait for the batch's end (see IngestBatch); any other event
 * first writes what waits, since it may read it.
 */
export async function applyInboundEvent(
  tx: Tx,
  channel: ChannelRow,
  event: InboundEvent,
  batch?: IngestBatch,
): Promise<void> {
  if (event.type !== "message" && event.type !== "ignored") await batch?.settle(tx);
  switch (event.type) {
    case "message":
      return applyMessage(tx, channel, event, batch);
    case "post":
      await upsertPost(tx, channel, event.post, true);
      return;
    case "message_deleted":
      return applyDeletion(tx, channel, event.externalId, event.deletedAt);
    case "delivery_status":
      return applyDeliveryStatus(tx, channel, event.externalId, event.status, event.error);
    case "read_up_to":
      return applyReadUpTo(tx, channel, event.threadKey, event.at);
    case "reaction":
      return applyReaction(tx, channel, event.externalId, event.emoji);
    case "comment_visibility":
      return applyCommentVisibility(tx, channel, event.externalId, event.hidden ? event.at : null);
    case "thread_note":
      return applyThreadNote(tx, channel, event);
    case "channel_notice":
      return applyChannelNotice(tx, channel, event);
    case "subscription":
      return applySubscription(tx, channel, event.threadKey, event.subscribed, event.at);
    case "ignored":
      return;
  }
}

/**
 * Context from the platform becomes a note in the customer's conversation, in time order. A note that comes before
 * any conversation (an opt-in, a referral from an ad) opens one already resolved: the customer's history holds it,
 * but nobody is asked to answer a thing the customer never wrote.
 */
async function applyThreadNote(tx: Tx, channel: ChannelRow, event: InboundThreadNote): Promise<void> {
  const [seen] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.channelId, channel.id), eq(messages.externalId, event.externalId)))
    .limit(1);
  if (seen) return;
  const { contactId } = await resolveContact(tx, channel.workspaceId, channel.platform, event.author);
  await tx
    .insert(conversations)
    .values({
      ...threadOf(channel, contactId, event.threadKey),
      visibility: "private",
      status: "resolved",
      replyTarget: event.replyTarget,
      awaitingReply: false,
      lastMessagePreview: "",
      lastMessageAt: event.at,
      lastInboundAt: null,
    })
    .onConflictDoNothing({ target: [conversations.channelId, conversations.threadKey] });
  const [conversation] = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.channelId, channel.id), eq(conversations.threadKey, event.threadKey)))
    .limit(1);
  const [note] = await tx
    .insert(messages)
    .values({
      workspaceId: channel.workspaceId,
      conversationId: conversation!.id,
      channelId: channel.id,
      direction: "note",
      externalId: event.externalId,
      visibility: "private",
      automatedBy: `platform:${channel.platform}`,
      text: event.text,
      attachments: event.attachments,
      deliveryStatus: "delivered",
      sentAt: event.at,
    })
    .returning({ id: messages.id });
  await notifyChange(tx, {
    workspaceId: channel.workspaceId,
    type: "message.created",
    conversationId: conversation!.id,
    messageId: note!.id,
  });
}

/** Channel news goes to the workspace's admins; the raw event's deduplication keeps a repeat from telling twice. */
function applyChannelNotice(tx: Tx, channel: ChannelRow, event: InboundChannelNotice): Promise<void> {
  return notifyAdmins(tx, channel.workspaceId, {
    kind: `channel.${event.kind}`,
    conversationId: null,
    text: `${channel.name}: ${event.text}`,
    data: { ...event.data, channelId: channel.id, channelName: channel.name, severity: event.severity },
  });
}

async function upsertPost(
  tx: Tx,
  channel: ChannelRow,
  post: PostContext,
  authoritative: boolean,
): Promise<string> {
  const values = {
    workspaceId: channel.workspaceId,
    channelId: channel.id,
    externalId: post.externalId,
    text: post.text,
    permalink: post.permalink ?? null,
    authorName: post.authorName ?? null,
    postedAt: post.createdAt ?? null,
  };
  // A comment may arrive before (or without) its post; the post's own event then fills the text in.
  const [row] = await tx
    .insert(posts)
    .values(values)
    .onConflictDoUpdate({
      target: [posts.channelId, posts.externalId],
      set: authoritative
        ? {
            text: values.text,
            permalink: values.permalink,
            authorName: values.authorName,
            postedAt: values.postedAt,
          }
        : { permalink: sql`coalesce(${posts.permalink}, excluded.permalink)` },
    })
    .returning({ id: posts.id });
  return row!.id;
}

/**
 * The post a comment hangs under, stored if new. Within a batch it is upserted once: another comment under it
 * changes it only by bringing the permalink it lacks.
 */
async function commentPost(
  tx: Tx,
  channel: ChannelRow,
  post: PostContext,
  batch: IngestBatch | undefined,
): Promise<string> {
  const known = batch?.post(channel.id, post.externalId);
  if (known && (known.hasPermalink || !post.permalink)) return known.id;
  const id = await upsertPost(tx, channel, post, false);
  batch?.rememberPost(channel.id, post.externalId, {
    id,
    hasPermalink: known?.hasPermalink === true || !!post.permalink,
  });
  return id;
}

async function applyMessage(
  tx: Tx,
  channel: ChannelRow,
  event: InboundMessage,
  batch: IngestBatch | undefined,
): Promise<void> {
  const known = batch?.message(channel.id, event.externalId);
  const existing = known === undefined ? await storedMessage(tx, channel.id, event.externalId) : known;
  if (existing) {
    // A replay is a no-op; an edit replaces the text and keeps the thread where it is.
    if (event.editedAt) {
      await batch?.settle(tx);
      const [edited] = await tx
        .update(messages)
        .set({ text: event.text, attachments: event.attachments, editedAt: event.editedAt })
        .where(eq(messages.id, existing.id))
        .returning({ direction: messages.direction, sentAt: messages.sentAt });
      // The customer rewrote their last words: the list previews what they say now, not what they took back.
      if (edited?.direction === "in")
        await tx
          .update(conversations)
          .set({ lastMessagePreview: previewOf(event.text, event.attachments.length) })
          .where(
            and(
              eq(conversations.id, existing.conversationId),
              sql`${conversations.lastInboundAt} <= ${edited.sentAt.toISOString()}::timestamptz`,
            ),
          );
      await notifyMessageUpdated(tx, channel, existing);
    }
    return;
  }
  // The platform's echo of a message Parley sent (before the send answered) is that message, not a new one.
  if (event.fromAccount) await batch?.settle(tx);
  if (await claimEchoOfOwnSend(tx, channel, event)) return;

  const { contactId, identityId } = await resolveContact(
    tx,
    channel.workspaceId,
    channel.platform,
    event.author,
    batch,
  );
  const postId = event.post ? await commentPost(tx, channel, event.post, batch) : null;
  const fromAccount = event.fromAccount === true;
  const captured = event.capturedByListening === true && !fromAccount;
  const preview = previewOf(event.text, event.attachments.length);

  // Most messages continue a thread: look it up (and lock it) first, and insert only when it is not there.
  const locked = batch?.thread(channel.id, event.threadKey);
  let found = locked === undefined ? await lockThread(tx, channel.id, event.threadKey) : locked;
  let conversation: { id: string } | undefined;
  if (!found) {
    [conversation] = await tx
      .insert(conversations)
      .values({
        ...threadOf(channel, contactId, event.threadKey),
        visibility: event.visibility,
        status: "new",
        postId,
        placeName: event.placeName ?? null,
        replyTarget: event.replyTarget,
        awaitingReply: !fromAccount && !captured,
        inInbox: !captured,
        lastMessagePreview: preview,
        lastMessageAt: event.sentAt,
        lastInboundAt: fromAccount ? null : event.sentAt,
      })
      .onConflictDoNothing({ target: [conversations.channelId, conversations.threadKey] })
      .returning({ id: conversations.id });
    // Another writer opened the thread in between (an agent's first message, a note): continue it instead.
    if (!conversation) found = await lockThread(tx, channel.id, event.threadKey);
    else
      batch?.rememberThread(channel.id, event.threadKey, {
        id: conversation.id,
        status: "new",
        inInbox: !captured,
        awaitsAnswer: false,
      });
  }

  let conversationId: string;
  // A customer writing into a resolved case: "the last link", which triage treats as a repeat contact.
  let reopened = false;
  let surveyReply: SurveyReply | null = null;
  // Whether triage hears of this message: not while the thread is listening's alone.
  let inInbox = !captured;
  // The thread reaches the inbox now, so triage first hears of it as created.
  let enteredInbox = conversation !== undefined && inInbox;
  if (conversation) {
    conversationId = conversation.id;
  } else {
    conversationId = found!.id;
    // Only the customer addressing the brand brings a captured thread in; the brand's own post does not.
    enteredInbox = !found!.inInbox && !captured && !fromAccount;
    inInbox = found!.inInbox || enteredInbox;
    // Only a thread with a survey or check-in open, or a button press, can hold an answer to one.
    const mayAnswer = !fromAccount && (found!.awaitsAnswer || event.choice !== undefined);
    if (mayAnswer) await batch?.settle(tx);
    surveyReply = mayAnswer ? await takeSurveyReply(tx, conversationId, event) : null;
    // An answer to Parley's own survey or check-in leaves the case as it is: no reopening, no waiting customer.
    const status: ConversationStatus =
      fromAccount || surveyReply || !inInbox ? found!.status : statusAfterInbound(found!.status);
    reopened = !fromAccount && !surveyReply && inInbox && found!.status === "resolved";
    await tx
      .update(conversations)
      .set({
        status,
        ...(enteredInbox ? { inInbox: true } : {}),
        // The list previews the customer's last words, not the brand's (or the bot's) answer to them.
        ...(fromAccount
          ? {}
          : {
              lastMessagePreview: sql`CASE WHEN ${conversations.lastInboundAt} IS NULL OR ${conversations.lastInboundAt} <= ${event.sentAt.toISOString()}::timestamptz THEN ${preview} ELSE ${conversations.lastMessagePreview} END`,
            }),
        // Out-of-order delivery must not move the thread back in time.
        lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${event.sentAt.toISOString()}::timestamptz)`,
        updatedAt: new Date(),
        ...(fromAccount
          ? {
              // An answer written in the platform's own app answers the customer too, unless they wrote since.
              awaitingReply: sql`CASE WHEN ${conversations.lastInboundAt} IS NULL OR ${conversations.lastInboundAt} <= ${event.sentAt.toISOString()}::timestamptz THEN false ELSE ${conversations.awaitingReply} END`,
            }
          : {
              ...(surveyReply || !inInbox ? {} : { awaitingReply: true }),
              ...(event.replyTargetFollowsLatest
                ? {
                    replyTarget: sql`CASE WHEN ${conversations.lastInboundAt} IS NULL OR ${conversations.lastInboundAt} <= ${event.sentAt.toISOString()}::timestamptz THEN ${JSON.stringify(event.replyTarget)}::jsonb ELSE ${conversations.replyTarget} END`,
                  }
                : {}),
              lastInboundAt: sql`greatest(coalesce(${conversations.lastInboundAt}, ${event.sentAt.toISOString()}::timestamptz), ${event.sentAt.toISOString()}::timestamptz)`,
              // Writing subscribes again (Viber: "the user's first message subscribes them").
              unsubscribedAt: sql`CASE WHEN ${conversations.unsubscribedAt} <= ${event.sentAt.toISOString()}::timestamptz THEN NULL ELSE ${conversations.unsubscribedAt} END`,
            }),
      })
      .where(eq(conversations.id, conversationId));
    // A survey answered is read again for the next message; otherwise the row is as this apply left it.
    batch?.rememberThread(
      channel.id,
      event.threadKey,
      mayAnswer ? undefined : { id: conversationId, status, inInbox, awaitsAnswer: found!.awaitsAnswer },
    );
  }

  const newMessage: NewMessage = {
    workspaceId: channel.workspaceId,
    conversationId,
    channelId: channel.id,
    direction: fromAccount ? "out" : "in",
    externalId: event.externalId,
    parentExternalId: event.parentExternalId ?? null,
    visibility: event.visibility,
    authorIdentityId: fromAccount ? null : identityId,
    text: event.text,
    attachments: event.attachments,
    deliveryStatus: fromAccount ? "delivered" : "received",
    sentAt: event.sentAt,
    editedAt: event.editedAt ?? null,
  };
  // A survey answer is recorded against its message at once; any other waits for the batch's insert.
  const messageId =
    batch && !surveyReply ? batch.addMessage(newMessage) : await insertMessage(tx, newMessage);
  const record = (step: ConversationEventInput) =>
    batch ? batch.addHistory(step) : recordConversationEvent(tx, step);

  const created = {
    workspaceId: channel.workspaceId,
    type: "message.created" as const,
    conversationId,
    messageId,
  };
  if (surveyReply) {
    await recordSurveyReply(tx, surveyReply, event, messageId);
    await notifyChange(tx, created);
    return;
  }
  // Listening reads the message from the messages table; triage hears of the thread if it becomes a ticket.
  if (!inInbox) {
    await notifyChange(tx, created);
    return;
  }
  if (enteredInbox)
    await record({
      workspaceId: channel.workspaceId,
      conversationId,
      type: "conversation_created",
      occurredAt: event.sentAt,
    });
  await record({
    workspaceId: channel.workspaceId,
    conversationId,
    // An answer written in the platform's own app is a reply for the SLA clocks like one sent from Parley.
    type: fromAccount ? "agent_replied" : "message_received",
    details: { messageId, fromPlatformApp: fromAccount, reopened },
    occurredAt: event.sentAt,
  });
  await notifyChange(tx, created);
}

async function storedMessage(tx: Tx, channelId: string, externalId: string) {
  const [row] = await tx
    .select({ id: messages.id, conversationId: messages.conversationId })
    .from(messages)
    .where(and(eq(messages.channelId, channelId), eq(messages.externalId, externalId)))
    .limit(1);
  return row ?? null;
}

async function insertMessage(tx: Tx, message: NewMessage): Promise<string> {
  const [row] = await tx
    .insert(messages)
    .values({ ...message, searchVector: searchVectorOf(message.text) })
    .returning({ id: messages.id });
  return row!.id;
}

/** The thread's row, locked for this message; and whether Parley waits in it for a survey score or a check-in's answer. */
async function lockThread(tx: Tx, channelId: string, threadKey: string) {
  const [row] = await tx
    .select({
      id: conversations.id,
      status: conversations.status,
      inInbox: conversations.inInbox,
      awaitsAnswer: sql<boolean>`${AWAITS_ANSWER}`,
    })
    .from(conversations)
    .where(and(eq(conversations.channelId, channelId), eq(conversations.threadKey, threadKey)))
    .for("update")
    .limit(1);
  return row;
}

function notifyMessageUpdated(
  tx: Tx,
  channel: ChannelRow,
  message: { id: string; conversationId: string },
): Promise<void> {
  return notifyChange(tx, {
    workspaceId: channel.workspaceId,
    type: "message.updated",
    conversationId: message.conversationId,
    messageId: message.id,
  });
}

async function applyReadUpTo(tx: Tx, channel: ChannelRow, threadKey: string, at: Date): Promise<void> {
  const rows = await tx
    .update(messages)
    .set({ deliveryStatus: "read" })
    .where(
      sql`${messages.conversationId} = (SELECT id FROM conversations WHERE channel_id = ${channel.id} AND thread_key = ${threadKey})
        AND ${messages.direction} = 'out' AND ${messages.deliveryStatus} = 'delivered' AND ${messages.sentAt} <= ${at.toISOString()}::timestamptz`,
    )
    .returning({ id: messages.id, conversationId: messages.conversationId });
  for (const row of rows) await notifyMessageUpdated(tx, channel, row);
}

/**
 * Subscribing and unsubscribing move the thread's state only forward in time: an unsubscription older than the
 * person's last message is stale (they wrote since, which subscribes them), and a subscription older than the
 * unsubscription it would undo changes nothing. Without a thread there is nobody to refuse replies to yet.
 */
async function applySubscription(
  tx: Tx,
  channel: ChannelRow,
  threadKey: string,
  subscribed: boolean,
  at: Date,
): Promise<void> {
  const when = at.toISOString();
  const rows = await tx
    .update(conversations)
    .set({ unsubscribedAt: subscribed ? null : at, updatedAt: new Date() })
    .where(
      and(
        eq(conversations.channelId, channel.id),
        eq(conversations.threadKey, threadKey),
        subscribed
          ? sql`${conversations.unsubscribedAt} <= ${when}::timestamptz`
          : sql`${conversations.unsubscribedAt} IS NULL AND (${conversations.lastInboundAt} IS NULL OR ${conversations.lastInboundAt} <= ${when}::timestamptz)`,
      ),
    )
    .returning({ id: conversations.id });
  for (const row of rows)
    await notifyChange(tx, {
      workspaceId: channel.workspaceId,
      type: "conversation.updated",
      conversationId: row.id,
    });
}

async function applyReaction(tx: Tx, channel: ChannelRow, externalId: string, emoji: string | null) {
  const [row] = await tx
    .update(messages)
    .set({ reaction: emoji })
    .where(and(eq(messages.channelId, channel.id), eq(messages.externalId, externalId)))
    .returning({ id: messages.id, conversationId: messages.conversationId });
  if (row) await notifyMessageUpdated(tx, channel, row);
}

async function applyCommentVisibility(
  tx: Tx,
  channel: ChannelRow,
  externalId: string,
  hiddenAt: Date | null,
): Promise<void> {
  const [row] = await tx
    .update(messages)
    .set({ hiddenAt })
    .where(and(eq(messages.channelId, channel.id), eq(messages.externalId, externalId)))
    .returning({ id: messages.id, conversationId: messages.conversationId });
  if (row) await notifyMessageUpdated(tx, channel, row);
}

async function applyDeletion(
  tx: Tx,
  channel: ChannelRow,
  externalId: string,
  deletedAt: Date,
): Promise<void> {
  const [row] = await tx
    .update(messages)
    .set({ deletedAt })
    .where(and(eq(messages.channelId, channel.id), eq(messages.externalId, externalId)))
    .returning({ id: messages.id, conversationId: messages.conversationId });
  if (row) await notifyMessageUpdated(tx, channel, row);
}

async function applyDeliveryStatus(
  tx: Tx,
  channel: ChannelRow,
  externalId: string,
  reported: ReportedDeliveryStatus,
  error: string | undefined,
): Promise<void> {
  // Statuses arrive out of order and repeated: deliveryStatusAfter only ever moves a message forward.
  const findMessage = async () => {
    const [found] = await tx
      .select({ id: messages.id, conversationId: messages.conversationId, status: messages.deliveryStatus })
      .from(messages)
      .where(and(eq(messages.channelId, channel.id), eq(messages.externalId, externalId)))
      .for("update")
      .limit(1);
    return found;
  };
  let row = await findMessage();
  if (!row) {
    // A status can overtake the recording of its own send (WhatsApp's "sent" follows within milliseconds):
    // while a send of this channel is in flight, fail so the raw event is retried once its id is stored.
    const [inFlight] = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.channelId, channel.id), eq(outbox.status, "sending")))
      .limit(1);
    if (inFlight) throw new SendInFlightError(externalId);
    // Each statement reads its own snapshot: the send may have been recorded between the two reads above,
    // after the message was missing and before the outbox was looked at. Look once more before giving up.
    row = await findMessage();
    if (!row) return;
  }
  const next = deliveryStatusAfter(row.status, reported);
  if (!next) return;
  await tx
    .update(messages)
    .set({ deliveryStatus: next, deliveryError: next === "failed" ? (error ?? "Delivery failed") : null })
    .where(eq(messages.id, row.id));
  await notifyMessageUpdated(tx, channel, row);
}
