import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
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
  return (await loadConversationsForFacts(db, [conversationId])).get(conversationId) ?? null;
}

/**
 * The same for many conversations at once, in one statement per table whatever their number: the reports loop
 * refreshes conversations in batches. Conversations only listening knows (no case yet) are left out: they count
 * from the moment they join the inbox.
 */
export async function loadConversationsForFacts(
  db: DbOrTx,
  conversationIds: readonly string[],
): Promise<Map<string, LoadedConversation>> {
  const loaded = new Map<string, LoadedConversation>();
  if (conversationIds.length === 0) return loaded;
  const ids = [...conversationIds];
  const rows = (
    await db
      .select({
        conversation: conversations,
        platform: channels.platform,
        businessHours: teams.businessHours,
      })
      .from(conversations)
      .innerJoin(channels, eq(channels.id, conversations.channelId))
      .leftJoin(teams, eq(teams.id, conversations.teamId))
      .where(inArray(conversations.id, ids))
  ).filter((row) => row.conversation.inInbox);
  if (rows.length === 0) return loaded;
  const inbox = rows.map((row) => row.conversation.id);
  const events = groupBy(
    await db
      .select()
      .from(reportEvents)
      .where(inArray(reportEvents.conversationId, inbox))
      .orderBy(asc(reportEvents.id)),
    (e) => e.conversationId,
  );
  const activity = groupBy(
    await db
      .select({
        conversationId: reportActivity.conversationId,
        userId: reportActivity.userId,
        minute: reportActivity.minute,
        kind: reportActivity.kind,
      })
      .from(reportActivity)
      .where(inArray(reportActivity.conversationId, inbox)),
    (a) => a.conversationId,
  );
  const sla = await loadSlaHistories(db, inbox);
  const answers = await loadSurveyAnswers(db, inbox);
  const judgements = await loadSentimentJudgements(db, inbox);
  for (const row of rows) {
    const c = row.conversation;
    const businessHours = (row.businessHours as BusinessHours | null) ?? ALWAYS_OPEN;
    const own = events.get(c.id) ?? [];
    const created = own.find((e) => e.type === "conversation_created");
    loaded.set(c.id, {
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
        createdAt: created?.at ?? c.createdAt,
        events: created ? own : historyFromRow(c),
        activity: (activity.get(c.id) ?? []).map(({ userId, minute, kind }) => ({ userId, minute, kind })),
        businessHours,
        botHandedOverAt: c.botHandedOverAt,
        sla: slaOutcomes(sla.get(c.id), businessHours),
        surveys: answers.get(c.id) ?? [],
        judgements: judgements.get(c.id) ?? [],
      },
    });
  }
  return loaded;
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
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

type SlaClockRow = typeof slaClocks.$inferSelect;
type SlaEventRow = typeof slaEvents.$inferSelect;

async function loadSlaHistories(
  db: DbOrTx,
  conversationIds: string[],
): Promise<Map<string, { clocks: SlaClockRow[]; history: SlaEventRow[] }>> {
  const clocks = groupBy(
    await db.select().from(slaClocks).where(inArray(slaClocks.conversationId, conversationIds)),
    (clock) => clock.conversationId,
  );
  const withClocks = [...clocks.keys()];
  const history =
    withClocks.length === 0
      ? new Map<string, SlaEventRow[]>()
      : groupBy(
          await db
            .select()
            .from(slaEvents)
            .where(inArray(slaEvents.conversationId, withClocks))
            .orderBy(asc(slaEvents.id)),
          (e) => e.conversationId,
        );
  return new Map(withClocks.map((id) => [id, { clocks: clocks.get(id)!, history: history.get(id) ?? [] }]));
}

/**
 * Met or breached, per round of each clock, read from the stored clock history under the target the clock has
 * now: a round counts once it stopped, or once the sweep has announced its breach.
 */
function slaOutcomes(
  stored: { clocks: SlaClockRow[]; history: SlaEventRow[] } | undefined,
  businessHours: BusinessHours,
): SlaOutcome[] {
  if (!stored) return [];
  const { clocks, history } = stored;
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

/** The cases' answered surveys (surveys_conversation_idx); a comment without a score is not an answer. */
async function loadSurveyAnswers(
  db: DbOrTx,
  conversationIds: string[],
): Promise<Map<string, SurveyAnswer[]>> {
  const rows = await db
    .select({
      conversationId: surveys.conversationId,
      kind: surveys.kind,
      score: surveys.score,
      answeredAt: surveys.answeredAt,
      agentId: surveys.assigneeId,
      teamId: surveys.teamId,
    })
    .from(surveys)
    .where(and(inArray(surveys.conversationId, conversationIds), isNotNull(surveys.score)));
  const answers = new Map<string, SurveyAnswer[]>();
  for (const r of rows) {
    if (r.score === null || !r.answeredAt) continue;
    const answer = {
      kind: r.kind,
      score: r.score,
      answeredAt: r.answeredAt,
      agentId: r.agentId,
      teamId: r.teamId,
    };
    answers.set(r.conversationId, [...(answers.get(r.conversationId) ?? []), answer]);
  }
  return answers;
}

/**
 * Customer messages whose mood the model judged, and whether the label standing now differs from the model's
 * (a message corrected back to the model's label agrees), as sentimentDisagreement() counts them.
 */
async function loadSentimentJudgements(
  db: DbOrTx,
  conversationIds: string[],
): Promise<Map<string, SentimentJudgement[]>> {
  const rows = await db
    .select({
      conversationId: messages.conversationId,
      judgedAt: messages.sentimentJudgedAt,
      sentiment: messages.sentiment,
      judged: messages.sentimentJudged,
      correctedAt: messages.sentimentCorrectedAt,
    })
    .from(messages)
    .where(
      and(
        inArray(messages.conversationId, conversationIds),
        eq(messages.direction, "in"),
        isNotNull(messages.sentimentJudgedAt),
      ),
    );
  const judgements = new Map<string, SentimentJudgement[]>();
  for (const r of rows) {
    if (!r.judgedAt) continue;
    const judgement = { judgedAt: r.judgedAt, disagreed: r.correctedAt !== null && r.sentiment !== r.judged };
    judgements.set(r.conversationId, [...(judgements.get(r.conversationId) ?? []), judgement]);
  }
  return judgements;
}
