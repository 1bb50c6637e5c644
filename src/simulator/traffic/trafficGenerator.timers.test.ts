import { afterEach, describe, expect, it, vi } from "vitest";
import type { DeliveryOutcome } from "../customerDriver.ts";
import type { Phrase } from "./phrase.ts";
import { PHRASES } from "./phrasebook.ts";
import { type RecordedAct, recordingFake } from "./recordingFake.testSupport.ts";
import { createTrafficGenerator } from "./trafficGenerator.ts";

const phraseByText = new Map<string, Phrase>(PHRASES.map((phrase) => [phrase.text, phrase]));
/** The phrase a text was made from: as it is, or with the brand's name put in (brandMentions.ts). */
const phraseOf = (text: string): Phrase | undefined =>
  phraseByText.get(text) ?? PHRASES.find((phrase) => text.includes(phrase.text));
const MINUTE = 60_000;

const twoPlatforms = () => [
  recordingFake("telegram", ["nordmart_bot", "nordmart_help_bot"]),
  recordingFake("vk", ["club1"]),
];

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("start() and stop()", () => {
  const subjectOf = (act: RecordedAct) => phraseOf(act.action.text)?.subject;

  it("spaces messages like a Poisson process around the mean rate", async () => {
    vi.useFakeTimers();
    const fake = recordingFake("telegram", ["nordmart_bot"]);
    const generator = createTrafficGenerator({ fakes: [fake], seed: 9, burstEveryMinutes: 0 });
    generator.start();
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    await generator.stop();

    expect(fake.acts.length).toBeGreaterThan(300);
    expect(fake.acts.length).toBeLessThan(420);
    const gaps = fake.acts.slice(1).map((act, i) => act.at - fake.acts[i]!.at);
    const mean = gaps.reduce((a, b) => a + b) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, b) => a + (b - mean) ** 2, 0) / gaps.length);
    // Exponential gaps have a standard deviation equal to their mean; a fixed interval would have none.
    expect(sd / mean).toBeGreaterThan(0.8);
    expect(sd / mean).toBeLessThan(1.2);
    expect(generator.stats().bursts).toBe(0);
  });

  it("bursts one negative subject across languages into a short window every burstEveryMinutes", async () => {
    vi.useFakeTimers();
    const startedAt = Date.now();
    const fake = recordingFake("telegram", ["nordmart_bot"]);
    const generator = createTrafficGenerator({ fakes: [fake], seed: 10 });
    generator.start();
    await vi.advanceTimersByTimeAsync(12 * MINUTE);
    await generator.stop();
    expect(generator.stats().bursts).toBe(1);

    const burstAt = startedAt + 10 * MINUTE;
    const inBurst = fake.acts.filter((act) => act.at >= burstAt && act.at < burstAt + 2 * MINUTE);
    const counts = new Map<string, number>();
    for (const act of inBurst)
      counts.set(subjectOf(act) ?? "followUp", (counts.get(subjectOf(act) ?? "followUp") ?? 0) + 1);
    const [subject, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    expect(count).toBeGreaterThanOrEqual(15);
    expect(count / inBurst.length).toBeGreaterThan(0.5);

    const flood = inBurst.filter((act) => subjectOf(act) === subject);
    const negative = flood.filter((act) => phraseOf(act.action.text)?.sentiment === "negative");
    expect(negative.length / flood.length).toBeGreaterThan(0.7);
    expect(new Set(flood.map((act) => act.action.person.languageCode)).size).toBeGreaterThanOrEqual(3);

    // Before the burst the same subject never comes close to that density in any window of the same length.
    let quietest = 0;
    for (let from = startedAt; from + 2 * MINUTE <= burstAt; from += 15_000) {
      const quiet = fake.acts.filter(
        (act) => act.at >= from && act.at < from + 2 * MINUTE && subjectOf(act) === subject,
      );
      quietest = Math.max(quietest, quiet.length);
    }
    expect(quietest).toBeGreaterThan(0);
    expect(count).toBeGreaterThanOrEqual(2 * quietest);
  });

  it("never bursts when burstEveryMinutes is 0", async () => {
    vi.useFakeTimers();
    const generator = createTrafficGenerator({ fakes: twoPlatforms(), seed: 11, burstEveryMinutes: 0 });
    generator.start();
    await vi.advanceTimersByTimeAsync(45 * MINUTE);
    await generator.stop();
    expect(generator.stats().bursts).toBe(0);
    expect(generator.stats().delivered).toBeGreaterThan(200);
  });

  it("leaves no timer behind after stop() and delivers nothing more", async () => {
    vi.useFakeTimers();
    const fake = recordingFake("vk", ["club1"]);
    const generator = createTrafficGenerator({ fakes: [fake], seed: 12 });
    generator.start();
    await vi.advanceTimersByTimeAsync(3 * MINUTE);
    await generator.stop();
    const delivered = fake.acts.length;
    expect(delivered).toBeGreaterThan(5);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    expect(fake.acts).toHaveLength(delivered);
    expect(generator.stats().running).toBe(false);
  });

  it("waits in stop() for deliveries already under way", async () => {
    let release: (outcome: DeliveryOutcome) => void = () => {};
    const fake = recordingFake("vk", ["club1"], () => new Promise((resolve) => (release = resolve)));
    const generator = createTrafficGenerator({ fakes: [fake], seed: 13 });
    const ticked = generator.tick();
    let stopped = false;
    const stopping = generator.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    expect(generator.stats().inFlight).toBe(1);
    release({ status: 200, payload: null });
    await stopping;
    expect(await ticked).toHaveLength(1);
    expect(generator.stats()).toMatchObject({ inFlight: 0, delivered: 1 });
  });

  it("unrefs its timers so they never keep the process alive", async () => {
    const spy = vi.spyOn(globalThis, "setTimeout");
    const generator = createTrafficGenerator({ fakes: twoPlatforms(), seed: 14 });
    generator.start();
    const handle = spy.mock.results[0]?.value as NodeJS.Timeout;
    expect(handle.hasRef()).toBe(false);
    await generator.stop();
  });

  it("keeps running when act() fails or nothing can be planned, counting both", async () => {
    vi.useFakeTimers();
    const failing = recordingFake("telegram", ["nordmart_bot"], () =>
      Promise.reject(new Error("ECONNREFUSED")),
    );
    const generator = createTrafficGenerator({ fakes: [failing], seed: 15 });
    generator.start();
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    await generator.stop();
    expect(failing.acts.length).toBeGreaterThan(10);
    expect(generator.stats()).toMatchObject({
      failed: failing.acts.length,
      delivered: 0,
      lastError: "ECONNREFUSED",
    });

    const idle = createTrafficGenerator({ fakes: [recordingFake("vk", [])], seed: 15 });
    idle.start();
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    await idle.stop();
    expect(idle.stats().dropped).toBeGreaterThan(0);
  });

  it("drops messages instead of piling up requests while Parley hangs", async () => {
    vi.useFakeTimers();
    const pending: (() => void)[] = [];
    const hanging = recordingFake(
      "vk",
      ["club1"],
      () => new Promise((resolve) => pending.push(() => resolve({ status: 200, payload: null }))),
    );
    const generator = createTrafficGenerator({ fakes: [hanging], seed: 16, messagesPerMinute: 600 });
    generator.start();
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(hanging.acts).toHaveLength(100);
    expect(generator.stats().dropped).toBeGreaterThan(100);
    for (const resolve of pending) resolve();
    await generator.stop();
    expect(generator.stats()).toMatchObject({ inFlight: 0, delivered: 100 });
  });
});
