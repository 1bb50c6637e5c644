import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { BusinessHours } from "../domain/sla/businessHours.ts";
import { type SlaEvent, slaClockAt } from "../domain/sla/slaClock.ts";
import type { DbOrTx } from "../store/database.ts";
import {
  channels,
  conversations,
  messages,
  reportActivity,
  reportEvents,
  slaClocks,
  slaEvents,
  surveys,
  teams,
} from "../store/schema.ts";
import type {
  FactsInput,
  SentimentJudgement,
  SlaOutcome,
  SurveyAnswer,
  TimelineEvent,
} from "./conversationFacts.ts";
import type { ConversationDims } from "./metrics.ts";

export interface LoadedConversation {
  workspaceId: string;
  dims: ConversationDims;
  input: FactsInput;
}

const ALWAYS_OPEN: BusinessHours = { alwaysOpen: true };

/** Everything a conversation's KPIs are computed from: its attributes, its history, its clocks and activity. */
export async function loadConversationForFacts(
  db: DbOrTx,
  conversationId: string,
): Promise<LoadedConversation | null> {
  const [row] = await db
    .select({ conversation: conversations, platform: channels.platform, businessHours: teams.businessHours })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .where(eq(conversations.id, conversationId));
  // A thread only listening knows is no case yet: it counts from the moment it joins the inbox.
  if (!row?.conversation.inInbox) return null;
  const c = row.conversation;
  const businessHours = (row.businessHours as BusinessHours | null) ?? ALWAYS_OPEN;
  const events = await db
    .select()
    .from(reportEvents)
    .where(eq(reportEvents.conversationId, conversationId))
    .orderBy(asc(reportEvents.id));
  const activity = await db
    .select({ userId: reportActivity.userId, minute: reportActivity.minute, kind: reportActivity.kind })
    .from(reportActivity)
    .where(eq(reportActivity.conversationId, conversationId));
  return {
    workspaceId: c.workspaceId,
    dims: {
      channel: c.channelId,
      platform: row.platform,
      team: c.teamId ?? "",
      agent: c.assigneeId ?? "",
      category: c.categoryId ?? "",
      language: c.language ?? "",
      sentiment: c.sentiment ?? "",
      visibility: c.visibility,
    },
    input: {
      // The customer's own timestamp (the platform's), not when Parley stored the row.
      createdAt: events.find((e) => e.type === "conversation_created")?.at ?? c.createdAt,
      events: events.some((e) => e.type === "conversation_created") ? events : historyFromRow(c),
      activity,
      businessHours,
      botHandedOverAt: c.botHandedOverAt,
      sla: await loadSlaOutcomes(db, conversationId, businessHours),
      surveys: await loadSurveyAnswers(db, conversationId),
      judgements: await loadSentimentJudgements(db, conversationId),
    },
  };
}

/**
 * A conversation older than reports (its conversation events already deleted when reports were installed): its
 * history is what its row still says — created, first answered, and its status now since its last change.
 */
function historyFromRow(c: typeof conversations.$inferSelect): TimelineEvent[] {
  const step = (type: string, at: Date, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({
    type,
    at,
    userId: null,
    automatedBy: "history",
    countsAsResponse: false,
    status: null,
    reopened: false,
    ...extra,
  });
  const history = [step("conversation_created", c.createdAt), step("message_received", c.createdAt)];
  if (c.firstResponseAt) history.push(step("agent_replied", c.firstResponseAt, { countsAsResponse: true }));
  if (c.status !== "new" && c.status !== "open")
    history.push(step("status_changed", c.resolvedAt ?? c.updatedAt, { status: c.status }));
  return history;
}

/**
 * Met or breached, per round of each clock, read from the stored clock history under the target the clock has
 * now: a round counts once it stopped, or once the sweep has announced its breach.
 */
async function loadSlaOutcomes(
  db: DbOrTx,
  conversationId: string,
  businessHours: BusinessHours,
): Promise<SlaOutcome[]> {
  const clocks = await db.select().from(slaClocks).where(eq(slaClocks.conversationId, conversationId));
  if (clocks.length === 0) return [];
  const history = await db
    .select()
    .from(slaEvents)
    .where(eq(slaEvents.conversationId, conversationId))
    .orderBy(asc(slaEvents.id));
  const outcomes: SlaOutcome[] = [];
  for (const clock of clocks) {
    const rounds = new Map<number, SlaEvent[]>();
    for (const e of history) {
      if (e.metric !== clock.metric) continue;
      const round = rounds.get(e.round) ?? [];
      round.push({ type: e.type, at: e.at });
      rounds.set(e.round, round);
    }
    const policy = {
      name: clock.policyName,
      targetSeconds: clock.targetSeconds,
      warningRatio: 0.8,
      businessHours,
    };
    for (const [round, events] of rounds) {
      const stop = events.findLast((e) => e.type === "stopped");
      if (stop) {
        const state = slaClockAt(policy, events, stop.at).state;
        outcomes.push({
          metric: clock.metric,
          outcome: state === "breached" ? "breached" : "met",
          at: stop.at,
        });
      } else if (round === clock.round && clock.breachedAt) {
        outcomes.push({ metric: clock.metric, outcome: "breached", at: clock.breachedAt });
      }
    }
  }
  return outcomes;
}

/** The case's answered surveys (surveys_conversation_idx); a comment without a score is not an answer. */
async function loadSurveyAnswers(db: DbOrTx, conversationId: string): Promise<SurveyAnswer[]> {
  const rows = await db
    .select({
      kind: surveys.kind,
      score: surveys.score,
      answeredAt: surveys.answeredAt,
      agentId: surveys.assigneeId,
      teamId: surveys.teamId,
    })
    .from(surveys)
    .where(and(eq(surveys.conversationId, conversationId), isNotNull(surveys.score)));
  return rows.flatMap((r) =>
    r.score !== null && r.answeredAt
      ? [{ kind: r.kind, score: r.score, answeredAt: r.answeredAt, agentId: r.agentId, teamId: r.teamId }]
      : [],
  );
}

/**
 * Customer messages whose mood the model judged, and whether the label standing now differs from the model's
 * (a message corrected back to the model's label agrees), as sentimentDisagreement() counts them.
 */
async function loadSentimentJudgements(db: DbOrTx, conversationId: string): Promise<SentimentJudgement[]> {
  const rows = await db
    .select({
      judgedAt: messages.sentimentJudgedAt,
      sentiment: messages.sentiment,
      judged: messages.sentimentJudged,
      correctedAt: messages.sentimentCorrectedAt,
    })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.direction, "in"),
        isNotNull(messages.sentimentJudgedAt),
      ),
    );
  return rows.flatMap((r) =>
    r.judgedAt
      ? [{ judgedAt: r.judgedAt, disagreed: r.correctedAt !== null && r.sentiment !== r.judged }]
      : [],
  );
}
