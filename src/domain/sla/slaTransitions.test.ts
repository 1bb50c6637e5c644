import { describe, expect, it } from "vitest";
import { type ClockPhase, type SlaMetric, slaWritesFor } from "./slaTransitions.ts";

const ALL = { first_response: true, next_response: true, resolution: true };
type Clocks = Partial<Record<SlaMetric, ClockPhase>>;

describe("slaWritesFor", () => {
  it("starts first response and resolution with the customer's first message", () => {
    expect(slaWritesFor({ kind: "customer_wrote" }, {}, ALL)).toEqual([
      { metric: "first_response", round: 0, type: "started" },
      { metric: "resolution", round: 0, type: "started" },
    ]);
  });

  it("does not restart a running first-response clock when the customer writes again", () => {
    const clocks: Clocks = {
      first_response: { round: 0, phase: "running" },
      resolution: { round: 0, phase: "running" },
    };
    expect(slaWritesFor({ kind: "customer_wrote" }, clocks, ALL)).toEqual([]);
  });

  it("starts a next-response round when the customer writes after our answer", () => {
    const clocks: Clocks = {
      first_response: { round: 0, phase: "stopped" },
      next_response: { round: 2, phase: "stopped" },
      resolution: { round: 0, phase: "running" },
    };
    expect(slaWritesFor({ kind: "customer_wrote" }, clocks, ALL)).toEqual([
      { metric: "next_response", round: 3, type: "started" },
    ]);
  });

  it("stops response clocks on a person's answer but not on an auto-acknowledgement", () => {
    const clocks: Clocks = {
      first_response: { round: 0, phase: "running" },
      resolution: { round: 0, phase: "running" },
    };
    expect(slaWritesFor({ kind: "replied", countsAsResponse: false }, clocks, ALL)).toEqual([]);
    expect(slaWritesFor({ kind: "replied", countsAsResponse: true }, clocks, ALL)).toEqual([
      { metric: "first_response", round: 0, type: "stopped" },
    ]);
  });

  it("pauses while pending and resumes when open", () => {
    const running: Clocks = {
      next_response: { round: 1, phase: "running" },
      first_response: { round: 0, phase: "stopped" },
      resolution: { round: 0, phase: "running" },
    };
    expect(slaWritesFor({ kind: "status_changed", to: "pending" }, running, ALL)).toEqual([
      { metric: "next_response", round: 1, type: "paused" },
      { metric: "resolution", round: 0, type: "paused" },
    ]);
    const paused: Clocks = {
      next_response: { round: 1, phase: "paused" },
      resolution: { round: 0, phase: "paused" },
    };
    expect(slaWritesFor({ kind: "status_changed", to: "open" }, paused, ALL)).toEqual([
      { metric: "next_response", round: 1, type: "resumed" },
      { metric: "resolution", round: 0, type: "resumed" },
    ]);
  });

  it("a customer writing into a pending case resumes its clocks", () => {
    const paused: Clocks = {
      first_response: { round: 0, phase: "paused" },
      resolution: { round: 0, phase: "paused" },
    };
    expect(slaWritesFor({ kind: "customer_wrote" }, paused, ALL)).toEqual([
      { metric: "first_response", round: 0, type: "resumed" },
      { metric: "resolution", round: 0, type: "resumed" },
    ]);
  });

  it("resolving stops every clock, and a reopening starts a new resolution round", () => {
    const clocks: Clocks = {
      first_response: { round: 0, phase: "running" },
      resolution: { round: 0, phase: "running" },
    };
    expect(slaWritesFor({ kind: "status_changed", to: "resolved" }, clocks, ALL)).toEqual([
      { metric: "first_response", round: 0, type: "stopped" },
      { metric: "resolution", round: 0, type: "stopped" },
    ]);
    const resolved: Clocks = {
      first_response: { round: 0, phase: "stopped" },
      resolution: { round: 0, phase: "stopped" },
    };
    expect(slaWritesFor({ kind: "customer_wrote" }, resolved, ALL)).toEqual([
      { metric: "next_response", round: 0, type: "started" },
      { metric: "resolution", round: 1, type: "started" },
    ]);
  });

  it("skips metrics the policy does not measure", () => {
    const onlyFirst = { first_response: true, next_response: false, resolution: false };
    expect(slaWritesFor({ kind: "customer_wrote" }, {}, onlyFirst)).toEqual([
      { metric: "first_response", round: 0, type: "started" },
    ]);
  });
});
