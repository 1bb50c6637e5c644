import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";
import { contactIdentities, listeningAlerts, listeningTopics, mentions, messages } from "../store/schema.ts";

export interface MentionFilter {
  topicId?: string | undefined;
  sentiment?: "negative" | "neutral" | "positive" | undefined;
  language?: string | undefined;
  source?: string | undefined;
  minReach?: number | undefined;
  decision?: "ticket" | "record" | "ignore" | undefined;
  alertId?: number | undefined;
  before?: number | undefined;
  limit: number;
}

/** The mentions feed, newest first, each with its text, author and the conversation it lives in. */
export async function listMentions(db: DbOrTx, workspaceId: string, filter: MentionFilter) {
  const conditions: (SQL | undefined)[] = [eq(mentions.workspaceId, workspaceId)];
  if (filter.topicId) conditions.push(eq(mentions.topicId, filter.topicId));
  if (filter.sentiment) conditions.push(eq(mentions.sentiment, filter.sentiment));
  if (filter.language) conditions.push(eq(mentions.language, filter.language));
  if (filter.source) conditions.push(eq(mentions.source, filter.source));
  if (filter.decision) conditions.push(eq(mentions.decision, filter.decision));
  if (filter.minReach !== undefined) conditions.push(gte(mentions.reach, filter.minReach));
  if (filter.before !== undefined) conditions.push(lt(mentions.id, filter.before));
  if (filter.alertId !== undefined) {
    // The mentions that made an alert: same topic, inside its window, about its subject.
    const [alert] = await db
      .select()
      .from(listeningAlerts)
      .where(and(eq(listeningAlerts.id, filter.alertId), eq(listeningAlerts.workspaceId, workspaceId)));
    if (!alert) return { items: [], nextBefore: null };
    conditions.push(
      eq(mentions.topicId, alert.topicId),
      sql`${mentions.occurredAt} > ${alert.windowStart.toISOString()}::timestamptz`,
      sql`${mentions.occurredAt} <= ${alert.windowEnd.toISOString()}::timestamptz`,
      alert.subject ? sql`${mentions.subjects} @> ${JSON.stringify([alert.subject])}::jsonb` : undefined,
      alert.kind === "negativity" ? eq(mentions.sentiment, "negative") : undefined,
    );
  }
  const rows = await db
    .select({
      mention: mentions,
      topicName: listeningTopics.name,
      topicKind: listeningTopics.kind,
      text: messages.text,
      author: contactIdentities.displayName,
    })
    .from(mentions)
    .innerJoin(listeningTopics, eq(listeningTopics.id, mentions.topicId))
    .innerJoin(messages, eq(messages.id, mentions.messageId))
    .leftJoin(contactIdentities, eq(contactIdentities.id, messages.authorIdentityId))
    .where(and(...conditions))
    .orderBy(desc(mentions.id))
    .limit(filter.limit + 1);
  const items = rows.slice(0, filter.limit).map((r) => ({
    id: r.mention.id,
    topic: { id: r.mention.topicId, name: r.topicName, kind: r.topicKind },
    conversationId: r.mention.conversationId,
    messageId: r.mention.messageId,
    text: r.text,
    author: r.author,
    source: r.mention.source,
    language: r.mention.language,
    sentiment: r.mention.sentiment,
    sentimentScore: r.mention.sentimentScore / 100,
    reach: r.mention.reach,
    hits: r.mention.hits,
    subjects: r.mention.subjects,
    decision: r.mention.decision,
    decisionReason: r.mention.decisionReason,
    occurredAt: r.mention.occurredAt.toISOString(),
  }));
  return { items, nextBefore: rows.length > filter.limit ? (items.at(-1)?.id ?? null) : null };
}

const BUCKETS = { hour: "hour", day: "day" } as const;

/** Volume and sentiment per topic per hour or day: the charts, with competitors beside the brand. */
export async function mentionStats(
  db: DbOrTx,
  workspaceId: string,
  from: Date,
  bucket: keyof typeof BUCKETS,
) {
  const rows = (await db.execute(sql`
    SELECT m.topic_id, t.name, t.kind, date_trunc(${sql.raw(`'${BUCKETS[bucket]}'`)}, m.occurred_at) AS at,
      count(*)::int AS total,
      (count(*) FILTER (WHERE m.sentiment = 'negative'))::int AS negative,
      (count(*) FILTER (WHERE m.sentiment = 'neutral'))::int AS neutral,
      (count(*) FILTER (WHERE m.sentiment = 'positive'))::int AS positive
    FROM mentions m JOIN listening_topics t ON t.id = m.topic_id
    WHERE m.workspace_id = ${workspaceId} AND m.occurred_at >= ${from.toISOString()}::timestamptz
    GROUP BY m.topic_id, t.name, t.kind, at ORDER BY at`)) as unknown as {
    rows: {
      topic_id: string;
      name: string;
      kind: string;
      at: string | Date;
      total: number;
      negative: number;
      neutral: number;
      positive: number;
    }[];
  };
  const topics = new Map<string, { id: string; name: string; kind: string; points: unknown[] }>();
  for (const row of rows.rows) {
    const topic = topics.get(row.topic_id) ?? {
      id: row.topic_id,
      name: row.name,
      kind: row.kind,
      points: [],
    };
    topic.points.push({
      at: new Date(row.at).toISOString(),
      total: row.total,
      negative: row.negative,
      neutral: row.neutral,
      positive: row.positive,
    });
    topics.set(row.topic_id, topic);
  }
  return { bucket, from: from.toISOString(), topics: [...topics.values()] };
}

export async function listAlerts(db: DbOrTx, workspaceId: string, limit = 100) {
  const rows = await db
    .select({ alert: listeningAlerts, topicName: listeningTopics.name })
    .from(listeningAlerts)
    .innerJoin(listeningTopics, eq(listeningTopics.id, listeningAlerts.topicId))
    .where(eq(listeningAlerts.workspaceId, workspaceId))
    .orderBy(desc(listeningAlerts.id))
    .limit(limit);
  return rows.map(({ alert, topicName }) => ({
    id: alert.id,
    topic: { id: alert.topicId, name: topicName },
    subject: alert.subject,
    kind: alert.kind,
    message: alert.message,
    count: alert.count,
    negativeCount: alert.negativeCount,
    expected: Number(alert.baseline),
    windowStart: alert.windowStart.toISOString(),
    windowEnd: alert.windowEnd.toISOString(),
    webhook: { status: alert.webhookStatus, attempts: alert.webhookAttempts, error: alert.webhookError },
    createdAt: alert.createdAt.toISOString(),
  }));
}
