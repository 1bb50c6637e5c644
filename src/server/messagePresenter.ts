import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";
import { contactIdentities, messages, users } from "../store/schema.ts";

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
    attachments: row.attachments,
    deliveryStatus: row.deliveryStatus,
    deliveryError: row.deliveryError,
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

export async function listMessages(db: DbOrTx, conversationId: string) {
  const rows = await selectMessages(db)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.sentAt), asc(messages.createdAt));
  return rows.map((r) => presentMessage(r.message, r.identityName ?? r.userName));
}

export async function getMessage(db: DbOrTx, messageId: string) {
  const [row] = await selectMessages(db).where(eq(messages.id, messageId));
  return row ? presentMessage(row.message, row.identityName ?? row.userName) : null;
}
