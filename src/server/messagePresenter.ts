import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";
import { contactIdentities, messages, users } from "../store/schema.ts";
import { presentAttachments } from "./attachmentPresenter.ts";

type MessageRow = typeof messages.$inferSelect;

function automatedName(automatedBy: string | null): string | null {
  if (!automatedBy) return null;
  if (automatedBy === "survey") return "Satisfaction survey";
  if (automatedBy === "follow_up") return "Follow-up";
  // Context the platform sent about the thread (a referral, an opt-in, a handover between apps).
  if (automatedBy.startsWith("platform:")) return `${automatedBy.slice("platform:".length)} (platform)`;
  return automatedBy.startsWith("bot") ? "FAQ bot" : "Automation";
}

export function presentMessage(row: MessageRow, authorName: string | null) {
  const kind =
    row.direction === "in"
      ? "contact"
      : row.authorUserId
        ? "agent"
        : row.automatedBy
          ? "automation"
          : "account";
  return {
    id: row.id,
    direction: row.direction,
    text: row.text,
    visibility: row.visibility,
    author: {
      name:
        authorName ?? automatedName(row.automatedBy) ?? (kind === "account" ? "Brand account" : "Unknown"),
      kind,
    },
    /** "bot", "bot:handover", "automation:<rule id>", "survey" or "follow_up" for what Parley wrote itself. */
    automatedBy: row.automatedBy,
    sentAt: row.sentAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    hiddenAt: row.hiddenAt?.toISOString() ?? null,
    likedAt: row.likedAt?.toISOString() ?? null,
    reaction: row.reaction,
    moderationPending: row.moderationPending,
    moderationError: row.moderationError,
    externalId: row.externalId,
    parentExternalId: row.parentExternalId,
    attachments: presentAttachments(row.id, row.attachments),
    deliveryStatus: row.deliveryStatus,
    deliveryError: row.deliveryError,
    /** The agent answered on the site itself (a web mention) and recorded it here; nothing was sent. */
    answeredOnSiteAt: row.answeredOnSiteAt?.toISOString() ?? null,
    /** A customer message's mood as it stands, and whether an agent corrected the model's judgement. */
    sentiment:
      row.direction === "in" && row.sentiment
        ? {
            label: row.sentiment,
            judged: row.sentimentJudged,
            score: row.sentimentScore,
            model: row.sentimentModel,
            corrected: row.sentimentCorrectedAt !== null,
          }
        : null,
  };
}

function selectMessages(db: DbOrTx) {
  return db
    .select({ message: messages, identityName: contactIdentities.displayName, userName: users.name })
    .from(messages)
    .leftJoin(contactIdentities, eq(contactIdentities.id, messages.authorIdentityId))
    .leftJoin(users, eq(users.id, messages.authorUserId));
}

/** The thread's order: when the platform says it was sent, then when Parley stored it, then the id for ties. */
const OLDEST_FIRST = [asc(messages.sentAt), asc(messages.createdAt), asc(messages.id)];
const NEWEST_FIRST = [desc(messages.sentAt), desc(messages.createdAt), desc(messages.id)];

export async function listMessages(db: DbOrTx, conversationId: string) {
  const rows = await selectMessages(db)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(...OLDEST_FIRST);
  return rows.map((r) => presentMessage(r.message, r.identityName ?? r.userName));
}

export interface MessagePage {
  /** Oldest first, like the whole list. */
  items: ReturnType<typeof presentMessage>[];
  /** Pass as `before` for the page of older messages; null when this page reaches the first message. */
  olderCursor: string | null;
  /** Messages in the whole conversation. */
  total: number;
}

/**
 * The newest `limit` messages, or the `limit` before the message `before` (keyset pagination in the thread's
 * order, so messages arriving meanwhile never shift a page). The cursor is a message id, compared through a
 * subquery, so no timestamp makes a round trip through JavaScript's milliseconds.
 */
export async function listMessagePage(
  db: DbOrTx,
  conversationId: string,
  page: { limit: number; before?: string | undefined },
): Promise<MessagePage> {
  const inConversation = eq(messages.conversationId, conversationId);
  const older = page.before
    ? sql`(${messages.sentAt}, ${messages.createdAt}, ${messages.id}) < (SELECT m.sent_at, m.created_at, m.id FROM messages m WHERE m.id = ${page.before} AND m.conversation_id = ${conversationId})`
    : undefined;
  const [rows, [counted]] = await Promise.all([
    selectMessages(db)
      .where(older ? and(inConversation, older) : inConversation)
      .orderBy(...NEWEST_FIRST)
      .limit(page.limit + 1),
    db.select({ total: count() }).from(messages).where(inConversation),
  ]);
  const hasOlder = rows.length > page.limit;
  const items = rows
    .slice(0, page.limit)
    .reverse()
    .map((r) => presentMessage(r.message, r.identityName ?? r.userName));
  return {
    items,
    olderCursor: hasOlder && items[0] ? items[0].id : null,
    total: Number(counted?.total ?? 0),
  };
}

export async function getMessage(db: DbOrTx, messageId: string) {
  const [row] = await selectMessages(db).where(eq(messages.id, messageId));
  return row ? presentMessage(row.message, row.identityName ?? row.userName) : null;
}

/** One message of one conversation (the thread refreshes a message it shows when it changes). */
export async function getConversationMessage(db: DbOrTx, conversationId: string, messageId: string) {
  const [row] = await selectMessages(db).where(
    and(eq(messages.id, messageId), eq(messages.conversationId, conversationId)),
  );
  return row ? presentMessage(row.message, row.identityName ?? row.userName) : null;
}
