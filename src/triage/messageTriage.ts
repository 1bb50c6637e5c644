import { and, eq, gt, ne, sql } from "drizzle-orm";
import type { ClockPhase, SlaMetric } from "../domain/sla/slaTransitions.ts";
import { detectLanguage } from "../listening/language/detectLanguage.ts";
import type { ListeningLanguage } from "../listening/listeningTypes.ts";
import type { Tx } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { channels, contactIdentities, conversations, messages } from "../store/schema.ts";
import { mayRecategorize } from "./classification/categoryChange.ts";
import { higherPriority, type Priority, priorityOf } from "./routing/priority.ts";
import { routeConversation } from "./routing/routingRules.ts";
import { judgeSentiment } from "./sentimentJudgement.ts";
import type { TriageConfig } from "./triageConfig.ts";

/** A case still open with the same customer in the last two weeks makes this contact "the last link". */
const REPEAT_WINDOW_MS = 14 * 24 * 3_600_000;

export type ConversationRow = typeof conversations.$inferSelect;

export interface InboundMessageFacts {
  id: string;
  text: string;
  visibility: "public" | "private";
  externalId: string | null;
  authorIdentityId: string | null;
  reach: number | null;
  platform: string;
  hiddenAt: Date | null;
  /** Whether the customer has another case open from the last two weeks (see REPEAT_WINDOW_MS). */
  otherOpenCase: boolean;
  /** The conversation's SLA clocks as they stand, for the trigger the message pulls. */
  slaPhases: Partial<Record<SlaMetric, ClockPhase>>;
}

export interface MessageAnalysis {
  language: ListeningLanguage | null;
  sentiment: "negative" | "neutral" | "positive";
  categoryKey: string | null;
  isComplaint: boolean;
}

/** A customer's message as triage reads it, with its conversation's row as it stands: one statement for both. */
export async function loadInboundMessage(
  tx: Tx,
  messageId: string,
): Promise<{ message: InboundMessageFacts; conversation: ConversationRow } | null> {
  const [row] = await tx
    .select({
      conversation: conversations,
      id: messages.id,
      text: messages.text,
      visibility: messages.visibility,
      externalId: messages.externalId,
      authorIdentityId: messages.authorIdentityId,
      reach: contactIdentities.reach,
      platform: channels.platform,
      hiddenAt: messages.hiddenAt,
      // Read with the message, not in statements of their own: triage asks both of every customer message.
      otherOpenCase: sql<boolean>`EXISTS (SELECT 1 FROM conversations other
        WHERE other.contact_id = conversations.contact_id AND other.id <> conversations.id
          AND other.status <> 'resolved'
          AND other.created_at > ${new Date(Date.now() - REPEAT_WINDOW_MS).toISOString()}::timestamptz)`,
      clocks: sql<
        [SlaMetric, number, ClockPhase["phase"]][] | null
      >`(SELECT json_agg(json_build_array(k.metric,
          k.round, k.phase)) FROM sla_clocks k WHERE k.conversation_id = conversations.id)`,
    })
    .from(messages)
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .leftJoin(contactIdentities, eq(contactIdentities.id, messages.authorIdentityId))
    .where(and(eq(messages.id, messageId), eq(messages.direction, "in")));
  if (!row) return null;
  const { clocks, conversation, ...facts } = row;
  return {
    message: {
      ...facts,
      slaPhases: Object.fromEntries(
        (clocks ?? []).map(([metric, round, phase]) => [metric, { round, phase }]),
      ),
    },
    conversation,
  };
}

/**
 * What triage makes of a customer's message: its language and mood, the conversation's category (unless an
 * agent chose one), a priority that only ever rises (unless an agent set it), and the team (while nobody has
 * the case). Assignment comes after the bot has had its turn: a question it answers takes no agent's time.
 */
export async function triageInboundMessage(
  tx: Tx,
  config: TriageConfig,
  conversation: ConversationRow,
  message: InboundMessageFacts,
  options: { reopened: boolean },
): Promise<{ conversation: ConversationRow; analysis: MessageAnalysis }> {
  const detected = message.text.trim() ? detectLanguage(message.text) : null;
  const language: ListeningLanguage | null =
    detected && detected.language !== "other"
      ? detected.language
      : ((conversation.language as ListeningLanguage) ?? null);
  const judgement = await judgeSentiment(config.sentimentLearner, message.text, language);
  const sentiment = judgement.label;
  // Written with the conversation's update below, in one statement.
  const judged = tx.$with("judged").as(
    tx
      .update(messages)
      .set({
        language,
        sentiment,
        sentimentJudged: sentiment,
        sentimentScore: judgement.score,
        sentimentModel: judgement.model,
        sentimentJudgedAt: new Date(),
      })
      .where(eq(messages.id, message.id))
      .returning({ id: messages.id }),
  );

  // The conversation's mood is its latest customer message's: what the customer feels now.
  const set: Partial<typeof conversations.$inferInsert> = { language, sentiment };
  let categoryKey = categoryKeyOf(config, conversation.categoryId);
  const classification =
    config.classifier.classify(message.text, language ?? undefined) ??
    // An angry message about nothing the keywords know is still a complaint, and is treated as one.
    (sentiment === "negative" && config.categoriesByKey.has("complaint")
      ? { categoryKey: "complaint", confidence: 0.5, source: "rule" as const, scores: { complaint: 0.5 } }
      : null);
  if (
    classification &&
    mayRecategorize(
      { key: categoryKey, source: conversation.categorySource, confidence: conversation.categoryConfidence },
      classification,
    )
  ) {
    const category = config.categoriesByKey.get(classification.categoryKey);
    if (category) {
      set.categoryId = category.id;
      set.categorySource = classification.source;
      set.categoryConfidence = classification.confidence;
      categoryKey = category.key;
    }
  }
  const isComplaint =
    categoryKey === "complaint" || (classification?.scores.complaint ?? 0) >= 0.5 || sentiment === "negative";

  let priority = conversation.priority as Priority;
  if (!conversation.prioritySetByAgent) {
    const computed = priorityOf(
      {
        text: message.text,
        ...(language ? { language } : {}),
        sentiment,
        reach: message.reach,
        public: conversation.visibility === "public",
        repeatAfterUnresolved: options.reopened || message.otherOpenCase,
      },
      config.priority,
    );
    const raised = higherPriority(priority, computed.priority);
    if (raised !== priority) {
      priority = raised;
      set.priority = raised;
      set.priorityReasons = computed.reasons;
    } else if (computed.priority === priority && computed.reasons.length > 0) {
      // Same priority for more reasons: the agent sees all of them (a repeat contact on top of the tone).
      const known = new Set(
        (conversation.priorityReasons as { kind: string; detail?: string }[]).map(
          (r) => `${r.kind}:${r.detail ?? ""}`,
        ),
      );
      const added = computed.reasons.filter((r) => !known.has(`${r.kind}:${r.detail ?? ""}`));
      if (added.length > 0) set.priorityReasons = [...conversation.priorityReasons, ...added];
    }
  }

  if (!conversation.assigneeId) {
    const route = routeConversation(config.routingRules, {
      categoryKey,
      channelId: conversation.channelId,
      platform: message.platform,
      language,
      priority,
      visibility: conversation.visibility,
    });
    if (route && route.teamId !== conversation.teamId && config.teams.has(route.teamId)) {
      set.teamId = route.teamId;
      // A conversation queued in its old team starts waiting in the new one now.
      set.queuedAt = null;
    }
  }

  const [updated] = await tx
    .with(judged)
    .update(conversations)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(conversations.id, conversation.id))
    .returning();
  const current = updated!;
  await notifyChange(tx, {
    workspaceId: current.workspaceId,
    type: "conversation.updated",
    conversationId: current.id,
  });
  return { conversation: current, analysis: { language, sentiment, categoryKey, isComplaint } };
}

export function categoryKeyOf(config: TriageConfig, categoryId: string | null): string | null {
  if (!categoryId) return null;
  for (const category of config.categoriesByKey.values()) if (category.id === categoryId) return category.key;
  return null;
}

/** Earlier public comments by the same author, for spotting the same spam pasted again and again. */
export async function recentTextsByAuthor(tx: Tx, message: InboundMessageFacts): Promise<string[]> {
  if (!message.authorIdentityId) return [];
  const rows = await tx
    .select({ text: messages.text })
    .from(messages)
    .where(
      and(
        eq(messages.authorIdentityId, message.authorIdentityId),
        ne(messages.id, message.id),
        gt(messages.createdAt, sql`now() - interval '1 day'`),
      ),
    )
    .limit(20);
  return rows.map((row) => row.text);
}
