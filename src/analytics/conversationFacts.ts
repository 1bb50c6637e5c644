import { type ConversationStatus, statusAfterInbound, statusAfterReply } from "../domain/conversation.ts";
import type { BusinessHours } from "../domain/sla/businessHours.ts";
import { businessSecondsBetween, toEpochSecond } from "../domain/sla/businessTime.ts";
import { handleSeconds } from "./handleTime.ts";
import { bucketOf, NO_BUCKET } from "./histogram.ts";
import { DURATION_METRICS, type Metric } from "./metrics.ts";

/** One step of a conversation's history, as reports keep it (report_events). */
export interface TimelineEvent {
  type: string;
  at: Date;
  userId: string | null;
  automatedBy: string | null;
  countsAsResponse: boolean;
  /** For status_changed: the status set. */
  status: string | null;
  reopened: boolean;
}

export interface SlaOutcome {
  metric: "first_response" | "next_response" | "resolution";
  outcome: "met" | "breached";
  at: Date;
}

export interface FactsInput {
  createdAt: Date;
  /** In the order they were recorded. */
  events: readonly TimelineEvent[];
  activity: readonly { userId: string; minute: Date; kind: "view" | "work" }[];
  businessHours: BusinessHours;
  botHandedOverAt: Date | null;
  sla: readonly SlaOutcome[];
  /** Survey answers about this case; the agent is the one it was assigned to at resolution. */
  surveys?: readonly SurveyAnswer[];
  /** The model's judgement of each customer message's mood, and whether the agents' label now differs. */
  judgements?: readonly SentimentJudgement[];
}

export interface SurveyAnswer {
  kind: "csat" | "nps";
  score: number;
  answeredAt: Date;
  agentId: string | null;
  teamId: string | null;
}

export interface SentimentJudgement {
  judgedAt: Date;
  disagreed: boolean;
}

/**
 * What one conversation adds to one UTC hour of one metric. `agent` overrides the conversation's agent for
 * figures that belong to whoever did the work (the first responder, the handler); `agent` and `team` override
 * the conversation's for survey answers, which belong to whoever had the case at resolution.
 */
export interface Contribution {
  hour: number;
  metric: Metric;
  bucket: number;
  count: number;
  sum: number;
  agent?: string;
  team?: string;
}

const HOUR = 3600;

export function hourOf(at: Date): number {
  const second = toEpochSecond(at);
  return second - (((second % HOUR) + HOUR) % HOUR);
}

/** Every KPI of a conversation, from its history alone: the same history always gives the same figures. */
export function conversationContributions(input: FactsInput): Contribution[] {
  const out: Contribution[] = [];
  const count = (metric: Metric, at: Date, n = 1, agent?: string) =>
    out.push({ hour: hourOf(at), metric, bucket: NO_BUCKET, count: n, sum: 0, ...(agent ? { agent } : {}) });
  const duration = (
    base: "first_response" | "next_response" | "time_to_close",
    from: Date,
    to: Date,
    agent?: string,
  ) => {
    const calendar = Math.max(0, toEpochSecond(to) - toEpochSecond(from));
    const business = businessSecondsBetween(input.businessHours, from, to);
    const metrics = DURATION_METRICS[base];
    for (const [metric, seconds] of [
      [metrics.calendar, calendar],
      [metrics.business, business],
    ] as const) {
      out.push({
        hour: hourOf(to),
        metric,
        bucket: bucketOf(seconds),
        count: 1,
        sum: seconds,
        ...(agent ? { agent } : {}),
      });
    }
  };

  count("conversations_created", input.createdAt);
  let status = "new" as ConversationStatus;
  // Backlog: +1/−1 per status change in its hour, and the same into one all-time row per status (hour 0), so a
  // level is "all-time level minus what changed since", read without summing the whole history.
  const backlog = (of: ConversationStatus, at: Date, delta: 1 | -1) => {
    if (of === "resolved") return;
    count(`backlog.${of}`, at, delta);
    out.push({ hour: 0, metric: `backlog_level.${of}`, bucket: NO_BUCKET, count: delta, sum: 0 });
  };
  const move = (to: ConversationStatus, at: Date) => {
    if (to === status) return;
    backlog(status, at, -1);
    backlog(to, at, 1);
    status = to;
  };
  backlog("new", input.createdAt, 1);

  let roundStart = input.createdAt;
  let firstResponded = false;
  let waitingSince: Date | null = null;
  let botAnsweredAt: Date | null = null;
  let humanReplied = false;
  const work: { userId: string; minute: Date; kind: "view" | "work" }[] = [...input.activity];

  for (const event of input.events) {
    switch (event.type) {
      case "message_received": {
        count("inbound_messages", event.at);
        if (status === "resolved") {
          count("reopened", event.at);
          roundStart = event.at;
        }
        if (firstResponded && waitingSince === null) waitingSince = event.at;
        move(statusAfterInbound(status), event.at);
        break;
      }
      case "agent_replied": {
        const fromPlatformApp = event.userId === null && event.automatedBy === null;
        if (event.userId) {
          humanReplied = true;
          work.push({ userId: event.userId, minute: event.at, kind: "work" });
        }
        if (event.automatedBy === "bot" && botAnsweredAt === null) botAnsweredAt = event.at;
        if (event.countsAsResponse) {
          const agent = event.userId ?? undefined;
          if (!firstResponded) {
            firstResponded = true;
            duration("first_response", input.createdAt, event.at, agent);
          } else if (waitingSince) {
            duration("next_response", waitingSince, event.at, agent);
          }
          waitingSince = null;
        }
        if (!fromPlatformApp) move(statusAfterReply(status), event.at);
        break;
      }
      case "status_changed": {
        const to = event.status as ConversationStatus | null;
        if (!to || to === status) break;
        if (to === "resolved") {
          count("resolved", event.at);
          duration("time_to_close", roundStart, event.at);
        }
        move(to, event.at);
        break;
      }
    }
  }

  for (const outcome of input.sla) count(`sla.${outcome.metric}.${outcome.outcome}`, outcome.at);

  const botEngagedAt = earliest(botAnsweredAt, input.botHandedOverAt);
  if (botEngagedAt) {
    count("bot.engaged", botEngagedAt);
    if (input.botHandedOverAt) count("bot.handover", input.botHandedOverAt);
    else if (botAnsweredAt && !humanReplied) count("bot.deflected", botAnsweredAt);
  }

  // A survey answer lands when it was given, credited to the agent and team the case had at resolution (as
  // surveyResults() does), so a case moved later still counts for who resolved it.
  for (const answer of input.surveys ?? []) {
    const agent = answer.agentId ?? "";
    const team = answer.teamId ?? "";
    const at = hourOf(answer.answeredAt);
    const add = (metric: Metric, sum = 0) =>
      out.push({ hour: at, metric, bucket: NO_BUCKET, count: 1, sum, agent, team });
    if (answer.kind === "csat") {
      add("csat.responses", answer.score);
      if (answer.score >= 4) add("csat.satisfied");
    } else {
      add("nps.responses", answer.score);
      add(answer.score >= 9 ? "nps.promoters" : answer.score >= 7 ? "nps.passives" : "nps.detractors");
    }
  }

  // A correction counts in the hour the model judged the message, so judged and corrected share one period.
  for (const judgement of input.judgements ?? []) {
    count("sentiment.judged", judgement.judgedAt);
    if (judgement.disagreed) count("sentiment.corrected", judgement.judgedAt);
  }

  for (const [userId, minutes] of groupBy(work, (w) => w.userId)) {
    const seconds = handleSeconds(
      minutes.map((m) => ({ minute: Math.floor(toEpochSecond(m.minute) / 60), kind: m.kind })),
    );
    if (seconds <= 0) continue;
    const last = minutes.reduce((a, b) => (a.minute > b.minute ? a : b)).minute;
    out.push({
      hour: hourOf(last),
      metric: "handle_time",
      bucket: bucketOf(seconds),
      count: 1,
      sum: seconds,
      agent: userId,
    });
  }
  return out;
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a <= b ? a : b;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
