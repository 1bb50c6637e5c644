import { describe, expect, it } from "vitest";
import type { WeeklySchedule } from "./businessHours.ts";
import { type SlaEvent, type SlaEventType, slaClockAt } from "./slaClock.ts";
import { firstResponsePolicy, type SlaPolicy } from "./slaPolicy.ts";

const weekdays = ["09:00-18:00"];
const rigaOffice: WeeklySchedule = {
  timeZone: "Europe/Riga",
  weekly: { monday: weekdays, tuesday: weekdays, wednesday: weekdays, thursday: weekdays, friday: weekdays },
  holidays: [{ date: "2026-11-18" }],
};
const policy = firstResponsePolicy(rigaOffice);

/** Riga wall-clock time in November 2026 (EET, +02:00). */
const riga = (dayAndTime: string) => new Date(`2026-11-${dayAndTime.replace(" ", "T")}:00+02:00`);
const event = (type: SlaEventType, dayAndTime: string): SlaEvent => ({ type, at: riga(dayAndTime) });

describe("firstResponsePolicy", () => {
  it("promises a first response within 60 working minutes and warns at 80 %", () => {
    expect(policy).toMatchObject({ targetSeconds: 3600, warningRatio: 0.8 });
    expect(firstResponsePolicy().businessHours).toEqual({ alwaysOpen: true });
  });
});

describe("slaClockAt", () => {
  it("has not started without a start event", () => {
    const clock = slaClockAt(policy, [], riga("23 10:00"));
    expect(clock).toMatchObject({
      state: "notStarted",
      running: false,
      elapsedSeconds: 0,
      remainingSeconds: 3600,
    });
    expect(clock.dueAt).toBeNull();
  });

  it("runs during opening hours with its due and warning times", () => {
    const clock = slaClockAt(policy, [event("started", "23 10:00")], riga("23 10:20"));
    expect(clock).toMatchObject({
      state: "running",
      running: true,
      elapsedSeconds: 1200,
      remainingSeconds: 2400,
    });
    expect(clock.dueAt).toEqual(riga("23 11:00"));
    expect(clock.warningAt).toEqual(riga("23 10:48"));
    expect(clock.warningReached).toBe(false);
  });

  it("warns once 80 % of the target is used", () => {
    const events = [event("started", "23 10:00")];
    expect(slaClockAt(policy, events, riga("23 10:47")).warningReached).toBe(false);
    expect(slaClockAt(policy, events, riga("23 10:48")).warningReached).toBe(true);
  });

  it("is still within target at the due second and breached one second later", () => {
    const events = [event("started", "23 10:00")];
    expect(slaClockAt(policy, events, riga("23 11:00"))).toMatchObject({
      state: "running",
      remainingSeconds: 0,
    });
    const late = slaClockAt(policy, events, new Date(riga("23 11:00").getTime() + 1000));
    expect(late).toMatchObject({ state: "breached", running: true, remainingSeconds: -1 });
    expect(late.dueAt).toEqual(riga("23 11:00"));
  });

  it("is met when stopped in time, and freezes there", () => {
    const events = [event("started", "23 10:00"), event("stopped", "23 10:30")];
    const clock = slaClockAt(policy, events, riga("25 12:00"));
    expect(clock).toMatchObject({
      state: "met",
      running: false,
      elapsedSeconds: 1800,
      remainingSeconds: 1800,
    });
    expect(clock.stoppedAt).toEqual(riga("23 10:30"));
    expect(clock.dueAt).toBeNull();
    // A reply at the very due second still meets the target.
    const onTheDot = slaClockAt(
      policy,
      [event("started", "23 10:00"), event("stopped", "23 11:00")],
      riga("24 12:00"),
    );
    expect(onTheDot.state).toBe("met");
  });

  it("stays breached when the reply comes late", () => {
    const events = [event("started", "23 10:00"), event("stopped", "23 11:30")];
    const clock = slaClockAt(policy, events, riga("30 12:00"));
    expect(clock).toMatchObject({
      state: "breached",
      running: false,
      elapsedSeconds: 5400,
      remainingSeconds: -1800,
    });
    expect(clock.dueAt).toEqual(riga("23 11:00"));
  });

  it("starts counting next morning for a message arriving at night", () => {
    const events = [event("started", "24 23:30")];
    const night = slaClockAt(policy, events, riga("25 03:00"));
    expect(night).toMatchObject({ state: "running", elapsedSeconds: 0, remainingSeconds: 3600 });
    expect(night.dueAt).toEqual(riga("25 10:00"));
    expect(night.warningAt).toEqual(riga("25 09:48"));
  });

  it("is breached at the due time even if nobody works after it", () => {
    // Due at 18:00 on Monday; at 20:00 no more working time has passed, but the promise is already broken.
    const clock = slaClockAt(policy, [event("started", "23 17:00")], riga("23 20:00"));
    expect(clock).toMatchObject({ state: "breached", elapsedSeconds: 3600, remainingSeconds: 0 });
    expect(clock.dueAt).toEqual(riga("23 18:00"));
  });

  it("does not count time spent waiting on the customer, even across closed hours", () => {
    const events = [event("started", "23 17:30"), event("paused", "23 17:45"), event("resumed", "24 08:00")];
    const paused = slaClockAt(policy, events.slice(0, 2), riga("24 12:00"));
    expect(paused).toMatchObject({
      state: "paused",
      running: false,
      elapsedSeconds: 900,
      remainingSeconds: 2700,
    });
    expect(paused.dueAt).toBeNull();
    const resumed = slaClockAt(policy, events, riga("24 09:30"));
    expect(resumed).toMatchObject({ state: "running", elapsedSeconds: 900 + 1800 });
    expect(resumed.dueAt).toEqual(riga("24 09:45"));
    expect(resumed.warningAt).toEqual(riga("24 09:33"));
  });

  it("skips holidays when projecting the due time", () => {
    // Tue 17 Nov 17:30, 30 min left at close; Wed 18 Nov is a holiday; due Thu 19 Nov 09:30.
    const clock = slaClockAt(policy, [{ type: "started", at: riga("17 17:30") }], riga("18 12:00"));
    expect(clock.dueAt).toEqual(riga("19 09:30"));
  });

  it("reports the past breach and warning of a clock paused after breaching", () => {
    const events = [event("started", "23 10:00"), event("paused", "23 11:30")];
    const clock = slaClockAt(policy, events, riga("23 15:00"));
    expect(clock).toMatchObject({
      state: "breached",
      running: false,
      elapsedSeconds: 5400,
      warningReached: true,
    });
    expect(clock.dueAt).toEqual(riga("23 11:00"));
    expect(clock.warningAt).toEqual(riga("23 10:48"));
  });

  it("adds up several pauses", () => {
    const events = [
      event("started", "23 09:00"),
      event("paused", "23 09:10"),
      event("resumed", "23 13:00"),
      event("paused", "23 13:20"),
      event("resumed", "26 09:00"),
    ];
    const clock = slaClockAt(policy, events, riga("26 09:15"));
    expect(clock).toMatchObject({ state: "running", elapsedSeconds: 45 * 60 });
    expect(clock.dueAt).toEqual(riga("26 09:30"));
    expect(clock.warningAt).toEqual(riga("26 09:18"));
  });

  it("is a pure function of the stored events and now: order, duplicates and the future change nothing", () => {
    const events = [
      event("started", "23 10:00"),
      event("paused", "23 10:10"),
      event("paused", "23 10:12"),
      event("resumed", "23 10:30"),
      event("resumed", "23 10:31"),
      event("started", "23 10:40"),
    ];
    const now = riga("23 10:50");
    const expected = slaClockAt(policy, events, now);
    expect(expected).toMatchObject({ state: "running", elapsedSeconds: 30 * 60 });
    expect(slaClockAt(policy, [...events].reverse(), now)).toEqual(expected);
    const withFuture = [...events, event("stopped", "23 11:00"), event("paused", "23 10:55")];
    expect(slaClockAt(policy, withFuture, now)).toEqual(expected);
  });

  it("ignores events before the start and after the stop", () => {
    const events = [
      event("resumed", "23 09:00"),
      event("paused", "23 09:30"),
      event("started", "23 10:00"),
      event("stopped", "23 10:20"),
      event("resumed", "23 10:30"),
    ];
    expect(slaClockAt(policy, events, riga("23 15:00"))).toMatchObject({
      state: "met",
      elapsedSeconds: 1200,
    });
  });

  it("counts every second of the day when always open", () => {
    const allDay: SlaPolicy = { ...firstResponsePolicy(), warningRatio: 0.5 };
    const clock = slaClockAt(allDay, [event("started", "28 23:30")], riga("29 00:00"));
    expect(clock).toMatchObject({ state: "running", elapsedSeconds: 1800 });
    expect(clock.dueAt).toEqual(riga("29 00:30"));
    expect(clock.warningReached).toBe(true);
  });

  it("refuses a policy it cannot measure", () => {
    expect(() => slaClockAt({ ...policy, targetSeconds: 0 }, [], riga("23 10:00"))).toThrow(RangeError);
    expect(() => slaClockAt({ ...policy, warningRatio: 1.5 }, [], riga("23 10:00"))).toThrow(RangeError);
  });
});
