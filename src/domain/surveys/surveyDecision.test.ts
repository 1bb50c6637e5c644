import { describe, expect, it } from "vitest";
import { decideSurvey, isLowScore, readSurveyChoice, surveyChoicePayload } from "./surveyDecision.ts";

const now = new Date("2026-12-04T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const base = {
  enabled: true,
  visibility: "private" as const,
  resolvedAutomatically: false,
  alreadySurveyed: false,
  privateChat: { lastInboundAt: hoursAgo(1) },
  replyWindowHours: undefined,
  sendAt: now,
};

describe("decideSurvey", () => {
  it("asks in the private chat of a resolved case", () => {
    expect(decideSurvey(base)).toEqual({ ask: true });
  });

  it("skips when surveys are off", () => {
    expect(decideSurvey({ ...base, enabled: false })).toEqual({ ask: false, reason: "disabled" });
  });

  it("asks once per case: a second resolution sends nothing", () => {
    expect(decideSurvey({ ...base, alreadySurveyed: true })).toEqual({
      ask: false,
      reason: "already_surveyed",
    });
  });

  it("never asks in a public thread; without a private chat with the person it skips", () => {
    expect(decideSurvey({ ...base, visibility: "public", privateChat: null })).toEqual({
      ask: false,
      reason: "public_thread_no_private_chat",
    });
  });

  it("asks a public commenter in the private chat they already have with the brand", () => {
    expect(decideSurvey({ ...base, visibility: "public" })).toEqual({ ask: true });
  });

  it("respects the platform's reply window (Messenger, WhatsApp: 24 h)", () => {
    expect(
      decideSurvey({ ...base, replyWindowHours: 24, privateChat: { lastInboundAt: hoursAgo(23) } }),
    ).toEqual({ ask: true });
    expect(
      decideSurvey({ ...base, replyWindowHours: 24, privateChat: { lastInboundAt: hoursAgo(25) } }),
    ).toEqual({ ask: false, reason: "outside_reply_window" });
    expect(decideSurvey({ ...base, replyWindowHours: 24, privateChat: { lastInboundAt: null } })).toEqual({
      ask: false,
      reason: "no_customer_message",
    });
  });

  it("does not survey a case resolved because the customer stopped answering", () => {
    expect(decideSurvey({ ...base, resolvedAutomatically: true })).toEqual({
      ask: false,
      reason: "auto_resolved",
    });
  });
});

describe("isLowScore", () => {
  const defaults = { csatLowMax: 2, npsLowMax: 6 };
  it("uses CSAT ≤ 2 and NPS ≤ 6 by default", () => {
    expect(isLowScore("csat", 2, defaults)).toBe(true);
    expect(isLowScore("csat", 3, defaults)).toBe(false);
    expect(isLowScore("nps", 6, defaults)).toBe(true);
    expect(isLowScore("nps", 7, defaults)).toBe(false);
  });
  it("follows configured thresholds", () => {
    expect(isLowScore("csat", 3, { csatLowMax: 3, npsLowMax: 6 })).toBe(true);
    expect(isLowScore("nps", 8, { csatLowMax: 2, npsLowMax: 8 })).toBe(true);
  });
});

describe("survey choice payloads", () => {
  it("round-trips and refuses foreign payloads", () => {
    const id = "0b6c1d2e-1111-4222-8333-944445555666";
    expect(readSurveyChoice(surveyChoicePayload(id, 5))).toEqual({ surveyId: id, score: 5 });
    expect(surveyChoicePayload(id, 10).length).toBeLessThanOrEqual(64);
    expect(readSurveyChoice("checkin:x:yes")).toBeNull();
    expect(readSurveyChoice(undefined)).toBeNull();
  });
});
