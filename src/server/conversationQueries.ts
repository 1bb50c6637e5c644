import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { ChannelCapabilities } from "../channels/channelAdapter.ts";
import { adapterFor } from "../channels/registry.ts";
import type { ConversationStatus } from "../domain/conversation.ts";
import { canSeeConversation, type Viewer } from "../domain/roles.ts";
import { replyOptions } from "../outbox/replySender.ts";
import { nameTsquery, parseSearchQuery, toTsquery } from "../search/searchLexemes.ts";
import type { DbOrTx } from "../store/database.ts";
import {
  categories,
  channels,
  contactIdentities,
  contacts,
  conversations,
  posts,
  teams,
  users,
} from "../store/schema.ts";
import { notFound } from "./httpError.ts";

export interface ConversationFilter {
  status?: ConversationStatus | undefined;
  channelId?: string | undefined;
  assignee?: string | undefined;
  teamId?: string | undefined;
  categoryId?: string | undefined;
  priority?: "low" | "normal" | "high" | "urgent" | undefined;
  /** Conversations carrying every one of these labels. */
  labels?: readonly string[] | undefined;
  /** The conversation's language as triage last detected it in the customer's words. */
  language?: string | undefined;
  /** Only conversations waiting in a team queue for a free agent. */
  queued?: boolean | undefined;
  /** "activity" (default): newest activity first; "due": the running SLA clock nearest its due time first. */
  sort?: "activity" | "due" | undefined;
  q?: string | undefined;
  contactId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

const assignee = alias(users, "assignee");

function baseQuery(db: DbOrTx) {
  return db
    .select({
      conversation: conversations,
      channel: { id: channels.id, name: channels.name, platform: channels.platform },
      contact: { id: contacts.id, displayName: contacts.displayName },
      username: sql<string | null>`(SELECT ${contactIdentities.username} FROM ${contactIdentities}
        WHERE ${contactIdentities.contactId} = ${conversations.contactId} AND ${contactIdentities.platform} = ${channels.platform} LIMIT 1)`,
      assignee: { id: assignee.id, name: assignee.name },
      post: { externalId: posts.externalId, text: posts.text, permalink: posts.permalink },
      category: { id: categories.id, key: categories.key, name: categories.name, names: categories.names },
      team: { id: teams.id, name: teams.name },
      slaClocks: sql<SlaClockView[]>`(SELECT coalesce(json_agg(json_build_object(
          'metric', s.metric, 'state', s.state, 'phase', s.phase, 'policyName', s.policy_name,
          'targetSeconds', s.target_seconds, 'elapsedSeconds', s.elapsed_seconds, 'dueAt', s.due_at,
          'warningAt', s.warning_at, 'stoppedAt', s.stopped_at, 'breachedAt', s.breached_at,
          'updatedAt', s.updated_at) ORDER BY s.metric), '[]'::json)
        FROM sla_clocks s WHERE s.conversation_id = ${conversations.id})`,
      privateReplySent: sql<boolean>`EXISTS (SELECT 1 FROM messages pm WHERE pm.conversation_id = ${conversations.id}
        AND pm.direction = 'out' AND pm.visibility = 'private')`,
    })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .leftJoin(posts, eq(posts.id, conversations.postId))
    .leftJoin(categories, eq(categories.id, conversations.categoryId))
    .leftJoin(teams, eq(teams.id, conversations.teamId));
}

/** One SLA clock as the inbox shows it; the browser counts down from dueAt itself. */
export interface SlaClockView {
  metric: "first_response" | "next_response" | "resolution";
  state: "notStarted" | "running" | "paused" | "met" | "breached";
  phase: "running" | "paused" | "stopped";
  policyName: string;
  targetSeconds: number;
  elapsedSeconds: number;
  dueAt: string | null;
  warningAt: string | null;
  stoppedAt: string | null;
  breachedAt: string | null;
  updatedAt: string;
}

/** json_build_object gives PostgreSQL's timestamp text; the API speaks ISO 8601 everywhere. */
function isoOrNull(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function presentClocks(clocks: SlaClockView[] | string | null): SlaClockView[] {
  const list = (typeof clocks === "string" ? JSON.parse(clocks) : (clocks ?? [])) as SlaClockView[];
  return list.map((clock) => ({
    ...clock,
    dueAt: isoOrNull(clock.dueAt),
    warningAt: isoOrNull(clock.warningAt),
    stoppedAt: isoOrNull(clock.stoppedAt),
    breachedAt: isoOrNull(clock.breachedAt),
    updatedAt: isoOrNull(clock.updatedAt) ?? clock.updatedAt,
  }));
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>["execute"]>>[number];

export function presentConversation(row: Row) {
  const adapter = adapterFor(row.channel.platform);
  const c = row.conversation;
  return {
    id: c.id,
    channel: row.channel,
    contact: { ...row.contact, username: row.username },
    visibility: c.visibility,
    status: c.status,
    assignee: row.assignee?.id ? { id: row.assignee.id, name: row.assignee.name } : null,
    teamId: c.teamId,
    team: row.team?.id ? row.team : null,
    category: row.category?.id
      ? { ...row.category, source: c.categorySource, confidence: c.categoryConfidence }
      : null,
    priority: c.priority,
    priorityReasons: c.priorityReasons,
    prioritySetByAgent: c.prioritySetByAgent,
    language: c.language,
    sentiment: c.sentiment,
    labels: c.labels,
    queuedAt: c.queuedAt?.toISOString() ?? null,
    botHandedOverAt: c.botHandedOverAt?.toISOString() ?? null,
    sla: presentClocks(row.slaClocks),
    awaitingReply: c.awaitingReply,
    lastMessagePreview: c.lastMessagePreview,
    lastMessageAt: c.lastMessageAt.toISOString(),
    firstResponseAt: c.firstResponseAt?.toISOString() ?? null,
    placeName: c.placeName,
    post: row.post?.externalId ? row.post : null,
    replyOptions: adapter
      ? replyOptions(adapter.capabilities, c.visibility)
      : { public: false, private: false },
    maxTextLength: adapter?.capabilities.maxTextLength ?? 4096,
    moderation: c.visibility === "public" ? (adapter?.capabilities.moderation ?? []) : [],
    replyWindow: replyWindowOf(adapter?.capabilities, c),
    // Why nothing can be sent in this thread now, whatever the window says (the customer unsubscribed).
    replyBlocked:
      c.unsubscribedAt && c.visibility === "private"
        ? { reason: "unsubscribed" as const, since: c.unsubscribedAt.toISOString() }
        : null,
    privateReplyToComment: privateReplyToCommentOf(adapter?.capabilities, c, row.privateReplySent),
  };
}

const HOUR_MS = 3_600_000;

/** When a private chat can still be answered freely, and what is possible after (HUMAN_AGENT tag, templates). */
function replyWindowOf(
  capabilities: ChannelCapabilities | undefined,
  c: { visibility: string; lastInboundAt: Date | null },
) {
  const window = capabilities?.privateReplyWindow;
  if (!window || c.visibility !== "private" || !c.lastInboundAt) return null;
  const last = c.lastInboundAt.getTime();
  return {
    ...window,
    lastInboundAt: c.lastInboundAt.toISOString(),
    closesAt: new Date(last + window.hours * HOUR_MS).toISOString(),
    humanAgentClosesAt: window.humanAgentHours
      ? new Date(last + window.humanAgentHours * HOUR_MS).toISOString()
      : null,
  };
}

/** Facebook and Instagram allow one private reply to a commenter, within 7 days of the comment. */
function privateReplyToCommentOf(
  capabilities: ChannelCapabilities | undefined,
  c: { visibility: string; createdAt: Date },
  alreadySent: boolean,
) {
  const days = capabilities?.privateReplyToCommentDays;
  if (!days || c.visibility !== "public") return null;
  return {
    days,
    alreadySent,
    closesAt: new Date(c.createdAt.getTime() + days * 24 * HOUR_MS).toISOString(),
  };
}

export type ConversationSummary = ReturnType<typeof presentConversation>;

/** What an agent may list: their own conversations and their teams'; supervisors and admins see all. */
export function visibilityClause(viewer: Viewer): SQL | undefined {
  if (viewer.role !== "agent") return undefined;
  const own = eq(conversations.assigneeId, viewer.userId);
  return viewer.teamIds.length > 0 ? or(own, inArray(conversations.teamId, viewer.teamIds)) : own;
}

export function encodeCursor(row: { lastMessageAt: string; id: string }): string {
  return Buffer.from(`${row.lastMessageAt}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { at: string; id: string } | null {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  return at && id && (at === "infinity" || !Number.isNaN(Date.parse(at))) ? { at, id } : null;
}

/** Past this many matching messages a word is common: walking the inbox in order finds a page sooner. */
const COMMON_MATCHES = 2_000;

/**
 * The search box, through indexes only: the messages' GIN-indexed tsvector of words and stems (src/search/)
 * and the contacts' name index. A rare term (an order number, a name, a word found nowhere) is looked up
 * first and joined to conversations by key, as one `IN (… UNION …)` so the planner starts from the few
 * matching rows. A common word ("заказ" in a shop's inbox) would make that a join of a quarter of all
 * messages; then the inbox is walked in its own order and each conversation probed through its messages'
 * index, which fills a page after a few dozen probes. One bounded count on the GIN index tells them apart.
 */
async function searchClause(db: DbOrTx, workspaceId: string, q: string): Promise<SQL> {
  const parsed = parseSearchQuery(q);
  if (parsed.exactId)
    return sql`(${conversations.id} = ${parsed.exactId}::uuid OR ${conversations.contactId} = ${parsed.exactId}::uuid)`;
  const textQuery = toTsquery(parsed.terms);
  const nameQuery = nameTsquery(parsed.nameWords);
  const byName = nameQuery
    ? sql`SELECT c2.id FROM contacts ct JOIN conversations c2 ON c2.contact_id = ct.id
      WHERE ct.workspace_id = ${workspaceId}
        AND to_tsvector('simple'::regconfig, ct.display_name) @@ ${nameQuery}::tsquery`
    : null;
  if (!textQuery) return byName ? sql`${conversations.id} IN (${byName})` : sql`false`;
  const [{ n } = { n: 0 }] = (
    (await db.execute(sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM messages m
      WHERE m.search_vector @@ ${textQuery}::tsquery LIMIT ${COMMON_MATCHES}) found`)) as unknown as {
      rows: { n: number }[];
    }
  ).rows;
  if (n >= COMMON_MATCHES) {
    const inMessages = sql`EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = ${conversations.id}
      AND m.search_vector @@ ${textQuery}::tsquery)`;
    return byName ? sql`(${inMessages} OR ${conversations.id} IN (${byName}))` : inMessages;
  }
  const byText = sql`SELECT m.conversation_id FROM messages m WHERE m.search_vector @@ ${textQuery}::tsquery`;
  return sql`${conversations.id} IN (${byName ? sql`${byText} UNION ${byName}` : byText})`;
}

/** The due time of a conversation's running SLA clock nearest to it; conversations owing nothing sort last. */
const nextDueAt = sql`coalesce((SELECT min(s.due_at) FROM sla_clocks s
  WHERE s.conversation_id = ${conversations.id} AND s.phase = 'running'), 'infinity'::timestamptz)`;

function dueOf(item: ConversationSummary): string {
  const due = item.sla
    .filter((clock) => clock.phase === "running" && clock.dueAt)
    .map((clock) => clock.dueAt!)
    .sort()[0];
  return due ?? "infinity";
}

export async function listConversations(db: DbOrTx, viewer: Viewer, filter: ConversationFilter) {
  const conditions: (SQL | undefined)[] = [
    eq(conversations.workspaceId, viewer.workspaceId),
    visibilityClause(viewer),
  ];
  // A customer's history shows every thread; the inbox only those listening has not kept to itself.
  if (!filter.contactId) conditions.push(eq(conversations.inInbox, true));
  if (filter.status) conditions.push(eq(conversations.status, filter.status));
  if (filter.channelId) conditions.push(eq(conversations.channelId, filter.channelId));
  if (filter.contactId) conditions.push(eq(conversations.contactId, filter.contactId));
  if (filter.assignee === "me") conditions.push(eq(conversations.assigneeId, viewer.userId));
  else if (filter.assignee === "none") conditions.push(isNull(conversations.assigneeId));
  else if (filter.assignee) conditions.push(eq(conversations.assigneeId, filter.assignee));
  if (filter.teamId) conditions.push(eq(conversations.teamId, filter.teamId));
  if (filter.categoryId) conditions.push(eq(conversations.categoryId, filter.categoryId));
  if (filter.priority) conditions.push(eq(conversations.priority, filter.priority));
  // Containment, so the GIN index on labels (jsonb_path_ops) answers it rather than a walk of the inbox.
  if (filter.labels?.length)
    conditions.push(sql`${conversations.labels} @> ${JSON.stringify(filter.labels)}::jsonb`);
  if (filter.language) conditions.push(eq(conversations.language, filter.language));
  if (filter.queued)
    conditions.push(sql`${conversations.queuedAt} IS NOT NULL AND ${conversations.assigneeId} IS NULL`);
  if (filter.q) conditions.push(await searchClause(db, viewer.workspaceId, filter.q));
  const cursor = filter.cursor ? decodeCursor(filter.cursor) : null;
  const byDue = filter.sort === "due";
  if (cursor) {
    conditions.push(
      byDue
        ? sql`(${nextDueAt}, ${conversations.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
        : sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`,
    );
  }
  const rows = await baseQuery(db)
    .where(and(...conditions))
    .orderBy(
      ...(byDue
        ? [asc(nextDueAt), asc(conversations.id)]
        : [desc(conversations.lastMessageAt), desc(conversations.id)]),
    )
    .limit(filter.limit + 1);
  const items = rows.slice(0, filter.limit).map(presentConversation);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > filter.limit && last
      ? byDue
        ? Buffer.from(`${dueOf(last)}|${last.id}`).toString("base64url")
        : encodeCursor(last)
      : null;
  return { items, nextCursor };
}

/** Loads one conversation the viewer may see, or throws 404 (never 403: existence is not disclosed). */
export async function getVisibleConversation(db: DbOrTx, viewer: Viewer, id: string) {
  const [row] = await baseQuery(db)
    .where(and(eq(conversations.id, id), eq(conversations.workspaceId, viewer.workspaceId)))
    .limit(1);
  if (!row || !canSeeConversation(viewer, row.conversation)) throw notFound("Conversation");
  return row;
}
