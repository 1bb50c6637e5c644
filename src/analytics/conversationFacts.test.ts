import { describe, expect, it } from "vitest";
import type { BusinessHours } from "../domain/sla/businessHours.ts";
import {
  type Contribution,
  conversationContributions,
  type FactsInput,
  type TimelineEvent,
} from "./conversationFacts.ts";

const t = (hhmm: string, day = "2026-03-02") => new Date(`${day}T${hhmm}:00Z`);
const event = (type: string, at: Date, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({
  type,
  at,
  userId: null,
  automatedBy: null,
  countsAsResponse: false,
  status: null,
  reopened: false,
  ...extra,
});
const reply = (at: Date, userId = "agent-1") =>
  event("agent_replied", at, { userId, countsAsResponse: true });
const status = (at: Date, to: string) => event("status_changed", at, { status: to });
const inbound = (at: Date) => event("message_received", at);

function facts(events: TimelineEvent[], more: Partial<FactsInput> = {}): Contribution[] {
  return conversationContributions({
    createdAt: events[0]!.at,
    events,
    activity: [],
    businessHours: { alwaysOpen: true },
    botHandedOverAt: null,
    sla: [],
    ...more,
  });
}

const sumOf = (c: Contribution[], metric: string) =>
  c.filter((x) => x.metric === metric).reduce((s, x) => s + x.sum, 0);
const countOf = (c: Contribution[], metric: string) =>
  c.filter((x) => x.metric === metric).reduce((s, x) => s + x.count, 0);

// Monday 2 March 2026, Riga: open 09:00-18:00 local (07:00-16:00 UTC).
const RIGA: BusinessHours = {
  timeZone: "Europe/Riga",
  weekly: { monday: ["09:00-18:00"], tuesday: ["09:00-18:00"], wednesday: ["09:00-18:00"] },
};

describe("KPI definitions on a conversation's history", () => {
  it("measures first response from the first message to the first answer that counts", () => {
    const c = facts([event("conversation_created", t("10:00")), inbound(t("10:00")), reply(t("10:25"))]);
    expect(sumOf(c, "first_response.calendar")).toBe(25 * 60);
    expect(countOf(c, "first_response.calendar")).toBe(1);
    expect(c.find((x) => x.metric === "first_response.calendar")?.agent).toBe("agent-1");
  });

  it("counts only the team's business hours in business mode", () => {
    // Written 15:30 UTC (17:30 Riga), answered next morning 07:30 UTC (09:30 Riga): 30 + 30 working minutes.
    const c = facts(
      [event("conversation_created", t("15:30")), inbound(t("15:30")), reply(t("07:30", "2026-03-03"))],
      { businessHours: RIGA },
    );
    expect(sumOf(c, "first_response.calendar")).toBe(16 * 3600);
    expect(sumOf(c, "first_response.business")).toBe(60 * 60);
  });

  it("ignores a hand-over notice as a response, and measures next response after each waiting message", () => {
    const c = facts([
      event("conversation_created", t("10:00")),
      inbound(t("10:00")),
      event("agent_replied", t("10:01"), { automatedBy: "bot:handover" }),
      reply(t("10:10")),
      inbound(t("11:00")),
      inbound(t("11:05")),
      reply(t("11:20"), "agent-2"),
    ]);
    expect(sumOf(c, "first_response.calendar")).toBe(10 * 60);
    expect(countOf(c, "next_response.calendar")).toBe(1);
    expect(sumOf(c, "next_response.calendar")).toBe(20 * 60);
    expect(countOf(c, "inbound_messages")).toBe(3);
  });

  it("counts a reopening, closes each round from its own start and keeps pending time in calendar hours", () => {
    const c = facts([
      event("conversation_created", t("09:00")),
      inbound(t("09:00")),
      reply(t("09:05")),
      status(t("09:10"), "pending"),
      status(t("10:00"), "resolved"),
      inbound(t("12:00")),
      reply(t("12:30")),
      status(t("13:00"), "resolved"),
    ]);
    expect(countOf(c, "resolved")).toBe(2);
    expect(countOf(c, "reopened")).toBe(1);
    expect(sumOf(c, "time_to_close.calendar")).toBe(60 * 60 + 60 * 60);
  });

  it("moves the backlog by +1/−1 on each status change, ending at zero when resolved", () => {
    const c = facts([
      event("conversation_created", t("09:00")),
      inbound(t("09:00")),
      reply(t("09:05")),
      status(t("09:10"), "pending"),
      status(t("10:00"), "resolved"),
    ]);
    for (const s of ["new", "open", "pending"]) expect(countOf(c, `backlog.${s}`)).toBe(0);
    // The all-time level rows (hour 0) say the same: this case is in no backlog any more.
    expect(c.filter((x) => x.hour === 0).reduce((s, x) => s + x.count, 0)).toBe(0);
    const newAt9 = c.filter((x) => x.metric === "backlog.new" && x.hour === t("09:00").getTime() / 1000);
    expect(newAt9.reduce((s, x) => s + x.count, 0)).toBe(0); // +1 created, −1 answered within the hour
    const pendingAt9 = c.filter(
      (x) => x.metric === "backlog.pending" && x.hour === t("09:00").getTime() / 1000,
    );
    expect(pendingAt9.reduce((s, x) => s + x.count, 0)).toBe(1);
  });

  it("tells a bot deflection from a hand-over", () => {
    const deflected = facts([
      event("conversation_created", t("09:00")),
      inbound(t("09:00")),
      event("agent_replied", t("09:00"), { automatedBy: "bot", countsAsResponse: true }),
    ]);
    expect(countOf(deflected, "bot.engaged")).toBe(1);
    expect(countOf(deflected, "bot.deflected")).toBe(1);
    const handedOver = facts(
      [
        event("conversation_created", t("09:00")),
        inbound(t("09:00")),
        event("agent_replied", t("09:00"), { automatedBy: "bot", countsAsResponse: true }),
        inbound(t("09:03")),
        event("agent_replied", t("09:03"), { automatedBy: "bot:handover" }),
      ],
      { botHandedOverAt: t("09:03") },
    );
    expect(countOf(handedOver, "bot.handover")).toBe(1);
    expect(countOf(handedOver, "bot.deflected")).toBe(0);
  });

  it("credits handle time to the agent who did the work, replies included", () => {
    const c = facts(
      [event("conversation_created", t("09:00")), inbound(t("09:00")), reply(t("09:04"), "a2")],
      {
        activity: [
          { userId: "a2", minute: t("09:01"), kind: "view" },
          { userId: "a2", minute: t("09:02"), kind: "view" },
          { userId: "a2", minute: t("09:03"), kind: "work" },
        ],
      },
    );
    const handle = c.filter((x) => x.metric === "handle_time");
    expect(handle).toHaveLength(1);
    expect(handle[0]).toMatchObject({ agent: "a2", sum: 4 * 60, count: 1 });
  });

  it("counts SLA outcomes where they were decided", () => {
    const c = facts([event("conversation_created", t("09:00")), inbound(t("09:00"))], {
      sla: [
        { metric: "first_response", outcome: "met", at: t("09:30") },
        { metric: "resolution", outcome: "breached", at: t("17:00") },
      ],
    });
    expect(countOf(c, "sla.first_response.met")).toBe(1);
    expect(countOf(c, "sla.resolution.breached")).toBe(1);
  });
});

describe("satisfaction and sentiment facts", () => {
  const opened = [event("conversation_created", t("10:00")), inbound(t("10:00")), reply(t("10:05"))];

  it("counts a CSAT answer when given, for the agent and team at resolution, satisfied only at 4 and 5", () => {
    const c = facts(opened, {
      surveys: [
        { kind: "csat", score: 4, answeredAt: t("12:10"), agentId: "agent-2", teamId: "team-1" },
        { kind: "csat", score: 3, answeredAt: t("13:00", "2026-03-03"), agentId: null, teamId: null },
      ],
    });
    expect(countOf(c, "csat.responses")).toBe(2);
    expect(sumOf(c, "csat.responses")).toBe(7);
    expect(countOf(c, "csat.satisfied")).toBe(1);
    const satisfied = c.find((x) => x.metric === "csat.satisfied");
    expect(satisfied).toMatchObject({ agent: "agent-2", team: "team-1" });
    expect(satisfied?.hour).toBe(t("12:00").getTime() / 1000);
    // Unassigned at resolution: credited to nobody, not to whoever has the case now.
    expect(c.filter((x) => x.metric === "csat.responses").map((x) => x.agent)).toEqual(["agent-2", ""]);
  });

  it("sorts NPS answers into promoters (9–10), passives (7–8) and detractors (0–6)", () => {
    const c = facts(opened, {
      surveys: [10, 9, 8, 7, 6, 0].map((score) => ({
        kind: "nps" as const,
        score,
        answeredAt: t("12:00"),
        agentId: "agent-1",
        teamId: "team-1",
      })),
    });
    expect(countOf(c, "nps.responses")).toBe(6);
    expect(sumOf(c, "nps.responses")).toBe(40);
    expect(countOf(c, "nps.promoters")).toBe(2);
    expect(countOf(c, "nps.passives")).toBe(2);
    expect(countOf(c, "nps.detractors")).toBe(2);
    expect(countOf(c, "csat.responses")).toBe(0);
  });

  it("counts judged and corrected messages in the hour of the judgement", () => {
    const c = facts(opened, {
      judgements: [
        { judgedAt: t("10:00"), disagreed: true },
        { judgedAt: t("11:30"), disagreed: false },
      ],
    });
    expect(countOf(c, "sentiment.judged")).toBe(2);
    expect(countOf(c, "sentiment.corrected")).toBe(1);
    expect(c.find((x) => x.metric === "sentiment.corrected")?.hour).toBe(t("10:00").getTime() / 1000);
  });

  it("adds nothing for a conversation without answers or judgements", () => {
    const c = facts(opened);
    expect(c.some((x) => /^(csat|nps|sentiment)\./.test(x.metric))).toBe(false);
  });
});
