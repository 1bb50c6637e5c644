import { and, desc, eq } from "drizzle-orm";
import { adapterFor } from "../channels/registry.ts";
import type { ListeningLanguage } from "../listening/listeningTypes.ts";
import { writeReply } from "../outbox/replySender.ts";
import { handoverMessage } from "../playbook/bot/botMessages.ts";
import { withoutBrandName } from "../playbook/bot/brandWords.ts";
import { type BotDecision, decideBotAnswer, shouldSampleForReview } from "../playbook/bot/faqBot.ts";
import { handoverNote } from "../playbook/bot/handoverNote.ts";
import type { Playbook } from "../playbook/playbookIndex.ts";
import type { Tx } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { botAnswers, conversations, messages } from "../store/schema.ts";
import { SEED_CATEGORIES } from "./classification/seedCategories.ts";
import type { ConversationRow, InboundMessageFacts, MessageAnalysis } from "./messageTriage.ts";
import type { TriageConfig } from "./triageConfig.ts";

export type BotOutcome = "answered" | "handed_over" | "silent";

/**
 * The FAQ bot's turn on a customer's message. It answers from the knowledge base only when sure, in the
 * customer's language, never a complaint and never a negative public comment; otherwise it tells the customer
 * a person will join (once) and leaves the team a note with what it considered. A customer who writes again
 * after a bot answer gets a person: the answer evidently did not settle it.
 */
export async function answerWithBot(
  tx: Tx,
  config: TriageConfig,
  playbook: Playbook,
  conversation: ConversationRow,
  message: InboundMessageFacts,
  analysis: MessageAnalysis,
): Promise<BotOutcome> {
  if (!config.bot.enabled || conversation.botHandedOverAt || conversation.assigneeId) return "silent";
  const adapter = adapterFor(message.platform);
  if (!adapter) return "silent";
  // Only published articles: a draft or an internal note must never reach a customer.
  const articles = new Map(
    [...playbook.docs.values()]
      .filter((doc) => doc.kind === "article" && doc.published === true)
      .map((doc) => [doc.id, { title: doc.title, body: doc.body, language: doc.language }]),
  );
  // A workspace without a knowledge base has no bot to speak of: it stays out of the way entirely.
  if (articles.size === 0) return "silent";
  const [lastOut] = await tx
    .select({ automatedBy: messages.automatedBy })
    .from(messages)
    .where(and(eq(messages.conversationId, conversation.id), eq(messages.direction, "out")))
    .orderBy(desc(messages.createdAt))
    .limit(1);
  if (lastOut && lastOut.automatedBy !== "bot") return "silent"; // a person (or a rule) already took part
  const followedUp = lastOut?.automatedBy === "bot";

  // The customer wrote again after the bot's answer: it evidently did not settle it, so a person takes over.
  const decision: BotDecision = followedUp
    ? {
        kind: "handover",
        reason: "low_confidence",
        message: handoverMessage(analysis.language),
        candidates: [],
      }
    : decideBotAnswer(
        playbook.publicIndex,
        articles,
        {
          // The shop's own name in the question says nothing about what is asked (brandWords.ts).
          text: withoutBrandName(message.text, config.brandName),
          language: analysis.language ?? "en",
          sentiment: analysis.sentiment,
          visibility: conversation.visibility,
          categoryKey: analysis.categoryKey,
          isComplaint: analysis.isComplaint,
          alreadyHandedOver: false,
        },
        config.bot,
      );
  if (decision.kind === "skip") return "silent";

  const replyVisibility = conversation.visibility === "public" ? "public" : "private";
  const canReply =
    replyVisibility === "public" ? adapter.capabilities.publicReplies : adapter.capabilities.privateReplies;
  if (decision.kind === "answer" && canReply && !followedUp) {
    const reply = await writeReply(tx, {
      conversationId: conversation.id,
      authorUserId: null,
      automatedBy: "bot",
      text: decision.text,
      visibility: replyVisibility,
      inReplyToMessageId: conversation.visibility === "public" ? message.id : undefined,
    });
    const [answer] = await tx
      .insert(botAnswers)
      .values({
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        messageId: reply.id,
        articleId: decision.articleId,
        question: message.text.slice(0, 4_000),
        confidence: decision.confidence,
        sampled: false,
      })
      .returning({ id: botAnswers.id });
    if (shouldSampleForReview(answer!.id, config.bot.reviewRate))
      await tx.update(botAnswers).set({ sampled: true }).where(eq(botAnswers.id, answer!.id));
    // Answered: waiting on the customer now, so the resolution clock pauses and no agent is taken.
    await tx
      .update(conversations)
      .set({ status: "pending", updatedAt: new Date() })
      .where(eq(conversations.id, conversation.id));
    return "answered";
  }

  const handover = decision.kind === "handover" ? decision : null;
  await tx
    .update(conversations)
    .set({ botHandedOverAt: new Date(), updatedAt: new Date() })
    .where(eq(conversations.id, conversation.id));
  const customerMessage = handover?.message ?? null;
  if (customerMessage && canReply && conversation.visibility === "private")
    await writeReply(tx, {
      conversationId: conversation.id,
      authorUserId: null,
      automatedBy: "bot:handover",
      text: customerMessage,
      visibility: "private",
    });
  const [note] = await tx
    .insert(messages)
    .values({
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      channelId: conversation.channelId,
      direction: "note",
      visibility: "private",
      automatedBy: "bot",
      text: handoverNote({
        reason: followedUp ? "customer_followed_up" : (handover?.reason ?? "low_confidence"),
        language: analysis.language,
        sentiment: analysis.sentiment,
        categoryName: categoryNameIn(config, analysis.categoryKey, analysis.language ?? "en"),
        candidates: (handover?.candidates ?? []).map((c) => ({
          title: articles.get(c.articleId)?.title ?? c.articleId,
          confidence: c.confidence,
        })),
      }),
      deliveryStatus: "delivered",
    })
    .returning({ id: messages.id });
  await notifyChange(tx, {
    workspaceId: conversation.workspaceId,
    type: "message.created",
    conversationId: conversation.id,
    messageId: note!.id,
  });
  return "handed_over";
}

/** A seeded category's name in the note's language; a workspace's own category by the name it was given. */
function categoryNameIn(
  config: TriageConfig,
  key: string | null,
  language: ListeningLanguage,
): string | null {
  if (!key) return null;
  const seeded = SEED_CATEGORIES.find((c) => c.key === key);
  return seeded ? seeded.names[language] : (config.categoriesByKey.get(key)?.name ?? key);
}
