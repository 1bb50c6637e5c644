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
    // A web mention is answered on its page: the address to open, only ever http(s) (see webMention.ts).
    answersOnSite: adapter?.capabilities.answersOnSite === true,
    sitePage: adapter?.capabilities.answersOnSite ? sitePageOf(c.replyTarget) : null,
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

/** A keyset cursor: the last row's sort key (microseconds, as stored; or "infinity") and its id. */
export function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { at: string; id: string } | null {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  return at && id && UUID.test(id) && (at === "infinity" || !Number.isNaN(Date.parse(at)))
    ? { at, id }
    : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** A timestamp as cursor text, to the microsecond PostgreSQL keeps (a JavaScript Date would drop three digits). */
function cursorKeyOf(column: typeof conversations.lastMessageAt | typeof conversations.nextDueAt) {
  return sql<string>`CASE WHEN ${column} = 'infinity'::timestamptz THEN 'infinity'
    ELSE to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') END`;
}

/** Past this many matching rows a term is common: walking the inbox in order finds a page sooner. */
const COMMON_MATCHES = 2_000;

/**
 * Up to `COMMON_MATCHES` conversation ids a GIN-indexed lookup finds, or null when it finds more (a common
 * term). The ids go back to the database as one array parameter, so the planner sees how few they are and reads
 * them by key: handed `IN (subquery)` instead, it may expect thousands and walk the inbox in order, through
 * every conversation when only one matches.
 */
async function rareIds(db: DbOrTx, lookup: SQL): Promise<string[] | null> {
  const result = (await db.execute(sql`${lookup} LIMIT ${COMMON_MATCHES + 1}`)) as unknown as {
    rows: { id: string }[];
  };
  return result.rows.length > COMMON_MATCHES ? null : [...new Set(result.rows.map((row) => row.id))];
}

const idArray = (ids: string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

/**
 * The search box, through indexes only: the messages' GIN-indexed tsvector of words and stems (src/search/;
 * numbers and order numbers are kept whole, so "NM-482913" is an exact lookup of two lexemes) and the contacts'
 * name index. A rare term (an order number, a name, a word found nowhere) is looked up first, at most 2,000
 * rows, and its conversations read by key. A common word ("заказ" in a shop's inbox) or name would make that a
 * join of a quarter of all messages; then the inbox is walked in its own order and each conversation probed
 * through its messages' (or its contact's) index, which fills a page after a few dozen probes.
 */
async function searchClause(db: DbOrTx, workspaceId: string, q: string): Promise<SQL> {
  const parsed = parseSearchQuery(q);
  if (parsed.exactId)
    return sql`(${conversations.id} = ${parsed.exactId}::uuid OR ${conversations.contactId} = ${parsed.exactId}::uuid)`;
  const textQuery = toTsquery(parsed.terms);
  const nameQuery = nameTsquery(parsed.nameWords);
  const clauses: SQL[] = [];
  const found: string[] = [];
  if (textQuery) {
    const ids = await rareIds(
      db,
      sql`SELECT m.conversation_id AS id FROM messages m WHERE m.search_vector @@ ${textQuery}::tsquery`,
    );
    if (ids) found.push(...ids);
    else
      clauses.push(sql`EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = ${conversations.id}
        AND m.search_vector @@ ${textQuery}::tsquery)`);
  }
  if (nameQuery) {
    // The contacts first (their GIN index), then their conversations by contact: a join of the two lets the
    // planner guess thousands of rows and start parallel workers for what is usually none.
    const contactIds = await rareIds(
      db,
      sql`SELECT ct.id FROM contacts ct WHERE ct.workspace_id = ${workspaceId}
        AND to_tsvector('simple'::regconfig, ct.display_name) @@ ${nameQuery}::tsquery`,
    );
    if (contactIds === null)
      clauses.push(sql`EXISTS (SELECT 1 FROM contacts ct WHERE ct.id = ${conversations.contactId}
        AND to_tsvector('simple'::regconfig, ct.display_name) @@ ${nameQuery}::tsquery)`);
    else if (contactIds.length > 0)
      clauses.push(sql`${conversations.contactId} = ANY(${idArray(contactIds)})`);
  }
  if (found.length > 0) clauses.push(sql`${conversations.id} = ANY(${idArray([...new Set(found)])})`);
  return clauses.length === 0 ? sql`false` : sql`(${sql.join(clauses, sql` OR `)})`;
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
  // "SLA due soonest" reads the key the SLA tracker keeps on the row ('infinity' when no clock runs: last).
  const sortColumn = byDue ? conversations.nextDueAt : conversations.lastMessageAt;
  if (cursor) {
    conditions.push(
      byDue
        ? sql`(${conversations.nextDueAt}, ${conversations.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
        : sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`,
    );
  }
  // The page first, from an index in the page's order and nothing else; then what the list shows of those rows
  // only (names, clocks, the private reply), in one query by key. Presenting never costs more than one page.
  const page = await db
    .select({ id: conversations.id, key: cursorKeyOf(sortColumn) })
    .from(conversations)
    .where(and(...conditions))
    .orderBy(
      ...(byDue
        ? [asc(conversations.nextDueAt), asc(conversations.id)]
        : [desc(conversations.lastMessageAt), desc(conversations.id)]),
    )
    .limit(filter.limit + 1);
  const shown = page.slice(0, filter.limit);
  const byId = new Map(
    shown.length === 0
      ? []
      : (
          await baseQuery(db)
            .where(sql`${conversations.id} = ANY(${sql.placeholder("ids")}::uuid[])`)
            // One statement whatever the page's size, named: each connection plans it once, not per request.
            .prepare("inbox_page_rows")
            .execute({ ids: `{${shown.map((row) => row.id).join(",")}}` })
        ).map((row) => [row.conversation.id, row]),
  );
  const items = shown.flatMap((row) => {
    const found = byId.get(row.id);
    return found ? [presentConversation(found)] : [];
  });
  const last = shown[shown.length - 1];
  const nextCursor = page.length > filter.limit && last ? encodeCursor(last.key, last.id) : null;
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

function sitePageOf(replyTarget: Record<string, unknown>): string | null {
  const url = typeof replyTarget.url === "string" ? replyTarget.url : null;
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}
