import { sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { conversations, listeningSettings, mentions } from "../store/schema.ts";
import { recordConversationEvent } from "../triage/conversationEvents.ts";
import { keyTermsOf } from "./keyTerms.ts";
import { type TriagePolicy, triageMention } from "./mentionTriage.ts";
import type { TopicAnalyzer, TopicAnalyzers } from "./topicAnalyzer.ts";

const BATCH_SIZE = 200;
const REOPEN_WITHIN_MS = 3_600_000;

interface UnlistenedMessage {
  id: string;
  workspace_id: string;
  conversation_id: string;
  text: string;
  sent_at: string | Date;
  source: string;
  reach: number | null;
  addressed: boolean;
  status: string;
  in_inbox: boolean;
}

export const DEFAULT_TRIAGE: TriagePolicy = { minReach: 0, ticketOnNegative: true, ticketOnQuestion: true };

async function triagePolicy(db: DbOrTx, workspaceId: string): Promise<TriagePolicy> {
  const rows = await db
    .select()
    .from(listeningSettings)
    .where(sql`${listeningSettings.workspaceId} = ${workspaceId}`);
  return rows[0] ?? DEFAULT_TRIAGE;
}

/**
 * Matches new inbound messages against their workspace's topics, in the transaction that marks them listened:
 * a crash replays the batch, and the unique (message, topic) index keeps every mention stored once however
 * many of a topic's terms hit. Returns how many messages were handled.
 */
export async function listenToNewMessages(db: Db, analyzers: TopicAnalyzers): Promise<number> {
  return db.transaction(async (tx) => {
    const claimed = (await tx.execute(sql`
      WITH batch AS (
        SELECT id FROM messages
        WHERE listened_at IS NULL AND direction = 'in'
        ORDER BY created_at LIMIT ${BATCH_SIZE}
        FOR UPDATE SKIP LOCKED)
      UPDATE messages m SET listened_at = now()
      FROM batch, conversations c, channels ch
      WHERE m.id = batch.id AND c.id = m.conversation_id AND ch.id = m.channel_id
      RETURNING m.id, m.workspace_id, m.conversation_id, m.text, m.sent_at, ch.platform AS source, c.status,
        c.in_inbox,
        (SELECT ci.reach FROM contact_identities ci WHERE ci.id = m.author_identity_id) AS reach,
        (c.in_inbox AND (c.visibility = 'private' OR c.post_id IS NOT NULL)) AS addressed`)) as unknown as {
      rows: UnlistenedMessage[];
    };
    const policies = new Map<string, TriagePolicy>();
    const batchAnalyzers = new Map<string, TopicAnalyzer | null>();
    for (const message of claimed.rows) {
      if (!message.text.trim()) continue;
      if (!batchAnalyzers.has(message.workspace_id))
        batchAnalyzers.set(message.workspace_id, await analyzers.forWorkspace(tx, message.workspace_id));
      const analyzer = batchAnalyzers.get(message.workspace_id);
      if (!analyzer) continue;
      const analysis = analyzer.analyze(message.text, message.source);
      if (analysis.matches.length === 0) continue;
      if (!policies.has(message.workspace_id))
        policies.set(message.workspace_id, await triagePolicy(tx, message.workspace_id));
      const policy = policies.get(message.workspace_id)!;
      const triage = triageMention(
        {
          sentiment: analysis.sentiment.label,
          text: message.text,
          reach: message.reach,
          addressed: message.addressed,
        },
        policy,
      );
      const byTopic = new Map<string, (typeof analysis.matches)[number]["hits"]>();
      for (const match of analysis.matches)
        byTopic.set(match.topicId, [...(byTopic.get(match.topicId) ?? []), ...match.hits]);
      for (const [topicId, hits] of byTopic) {
        await tx
          .insert(mentions)
          .values({
            workspaceId: message.workspace_id,
            topicId,
            messageId: message.id,
            conversationId: message.conversation_id,
            source: message.source,
            language: analysis.language,
            sentiment: analysis.sentiment.label,
            sentimentScore: Math.round(analysis.sentiment.score * 100),
            reach: message.reach,
            hits,
            subjects: keyTermsOf(analysis.tokens, hits),
            decision: triage.decision,
            decisionReason: triage.reason,
            occurredAt: new Date(message.sent_at),
          })
          .onConflictDoNothing();
      }
      if (!message.in_inbox) {
        if (triage.decision === "ticket") await bringIntoInbox(tx, message);
        else {
          // A captured post nobody needs to answer stays listening's alone: no triage, no automation.
          await notifyChange(tx, { workspaceId: message.workspace_id, type: "mention.created" });
          continue;
        }
      }
      await recordConversationEvent(tx, {
        workspaceId: message.workspace_id,
        conversationId: message.conversation_id,
        type: "mention_matched",
        details: {
          messageId: message.id,
          topicIds: [...byTopic.keys()],
          decision: triage.decision,
          sentiment: analysis.sentiment.label,
        },
      });
      // A fresh mention that needs a person reopens a thread someone had closed; a week's backfill after a
      // topic change does not reopen old cases.
      const fresh = Date.now() - new Date(message.sent_at).getTime() < REOPEN_WITHIN_MS;
      if (triage.decision === "ticket" && message.status === "resolved" && fresh)
        await tx
          .update(conversations)
          .set({ status: "open", awaitingReply: true, updatedAt: new Date() })
          .where(sql`${conversations.id} = ${message.conversation_id}`);
      await notifyChange(tx, { workspaceId: message.workspace_id, type: "mention.created" });
    }
    return claimed.rows.length;
  });
}

/**
 * A captured post that needs a person becomes a ticket: the thread joins the inbox unread, and triage hears of it
 * as a new conversation whose first message is this one, so routing, SLA clocks and automation start from here.
 */
async function bringIntoInbox(tx: Tx, message: UnlistenedMessage): Promise<void> {
  await tx
    .update(conversations)
    .set({ inInbox: true, awaitingReply: true, status: "new", updatedAt: new Date() })
    .where(sql`${conversations.id} = ${message.conversation_id}`);
  const occurredAt = new Date(message.sent_at);
  const base = { workspaceId: message.workspace_id, conversationId: message.conversation_id, occurredAt };
  await recordConversationEvent(tx, { ...base, type: "conversation_created" });
  await recordConversationEvent(tx, {
    ...base,
    type: "message_received",
    details: { messageId: message.id, fromPlatformApp: false, reopened: false },
  });
  await notifyChange(tx, {
    workspaceId: message.workspace_id,
    type: "conversation.updated",
    conversationId: message.conversation_id,
  });
}
