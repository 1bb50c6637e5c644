import type { DeliveryOutcome, PlatformFake } from "../customerDriver.ts";
import { createActionPlanner, type PlannedAction } from "./actionPlanner.ts";
import { createBurstSchedule } from "./burstSchedule.ts";
import { createPersonGenerator } from "./personGenerator.ts";
import { LANGUAGES, type Language, SUBJECTS, type Subject } from "./phrase.ts";
import { createRandom, randomSeed } from "./random.ts";

export type { PlannedAction } from "./actionPlanner.ts";

export interface TrafficGeneratorOptions {
  fakes: PlatformFake[];
  /** Same seed, same customers, texts and timing. Random when omitted; stats() tells which was used. */
  seed?: number;
  /** Mean rate of everyday messages (default 6). */
  messagesPerMinute?: number;
  /** Minutes between incident bursts (default 10, 0 = never). */
  burstEveryMinutes?: number;
  /** Messages in one burst, spread over about a minute (default 15). */
  burstSize?: number;
  /** Relative weight per language; languages left out are never used. Default favours Russian. */
  languages?: Partial<Record<Language, number>>;
  /** Share of messages posted as public comments rather than direct messages (default 0.35). */
  publicShare?: number;
  /** Clock in epoch milliseconds; tests inject one to place bursts. */
  now?: () => number;
}

export interface TrafficStats {
  seed: number;
  running: boolean;
  planned: number;
  /** act() resolved, whatever status Parley answered. */
  delivered: number;
  /** act() resolved but Parley answered with an HTTP error status. */
  rejected: number;
  /** act() threw or rejected. */
  failed: number;
  /** Skipped because too many deliveries were still pending, or nothing could be planned. */
  dropped: number;
  inFlight: number;
  bursts: number;
  followUps: number;
  returning: number;
  byLanguage: Record<Language, number>;
  bySubject: Record<Subject, number>;
  lastError?: string;
}

export interface TrafficGenerator {
  /** Plans the next customer action without delivering it. */
  next(): PlannedAction;
  /**
   * Plans and delivers exactly one action now; [] when act() failed (counted in stats). Rejects only when no fake
   * has an account, since a one-off run can do nothing useful then.
   */
  tick(): Promise<DeliveryOutcome[]>;
  /** Starts timed delivery; timers are unref'd so they never keep the process alive. */
  start(): void;
  /** Stops the timers and waits for deliveries already under way. */
  stop(): Promise<void>;
  stats(): TrafficStats;
}

const DEFAULT_LANGUAGES: Record<Language, number> = { ru: 0.45, en: 0.15, pl: 0.2, lv: 0.2 };
// A Parley that hangs must not make a long-running demo pile up pending requests without end.
const MAX_IN_FLIGHT = 100;
const MAX_TIMER_MS = 2 ** 31 - 1;

function checkRange(name: string, value: number, min: number, max = Number.POSITIVE_INFINITY): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`traffic: ${name} must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function counters<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

export function createTrafficGenerator(options: TrafficGeneratorOptions): TrafficGenerator {
  const random = createRandom(options.seed ?? randomSeed());
  const now = options.now ?? Date.now;
  const messagesPerMinute = checkRange("messagesPerMinute", options.messagesPerMinute ?? 6, 0);
  const burstEveryMinutes = checkRange("burstEveryMinutes", options.burstEveryMinutes ?? 10, 0);
  const burstSize = Math.floor(checkRange("burstSize", options.burstSize ?? 15, 0));
  const publicShare = checkRange("publicShare", options.publicShare ?? 0.35, 0, 1);
  const weights = options.languages ?? DEFAULT_LANGUAGES;
  const languages = LANGUAGES.map((language) => [language, weights[language] ?? 0] as const);
  if (!languages.some(([, weight]) => weight > 0))
    throw new RangeError("traffic: no language has a positive weight");

  const bursts = createBurstSchedule({ random, everyMinutes: burstEveryMinutes, size: burstSize });
  const planner = createActionPlanner({
    fakes: options.fakes,
    random,
    people: createPersonGenerator({ random }),
    bursts,
    languages,
    publicShare,
    messagesPerMinute,
    burstSize,
    now,
  });

  const stats: Omit<TrafficStats, "seed" | "running" | "inFlight" | "bursts"> = {
    planned: 0,
    delivered: 0,
    rejected: 0,
    failed: 0,
    dropped: 0,
    followUps: 0,
    returning: 0,
    byLanguage: counters(LANGUAGES),
    bySubject: counters(SUBJECTS),
  };
  const inFlight = new Set<Promise<DeliveryOutcome | undefined>>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;

  const next = (): PlannedAction => {
    const planned = planner.next();
    stats.planned++;
    stats.byLanguage[planned.language]++;
    stats.bySubject[planned.subject]++;
    if (planned.kind === "followUp") stats.followUps++;
    if (planned.returning) stats.returning++;
    return planned;
  };

  const deliver = (planned: PlannedAction): Promise<DeliveryOutcome | undefined> => {
    const delivery = (async () => {
      try {
        const outcome = await planned.fake.act(planned.account, planned.action);
        stats.delivered++;
        if (outcome.status >= 400) stats.rejected++;
        return outcome;
      } catch (error) {
        // A demo or training session must survive Parley being down or a fake misbehaving; stats show it.
        stats.failed++;
        stats.lastError = error instanceof Error ? error.message : String(error);
        return undefined;
      }
    })();
    inFlight.add(delivery);
    void delivery.finally(() => inFlight.delete(delivery));
    return delivery;
  };

  /** Poisson arrivals: exponential gaps at the combined rate of everyday traffic and any running burst. */
  const nextDelay = (): number | undefined => {
    const at = now();
    const burst = bursts.current(at);
    const rate = messagesPerMinute + (burst ? burstSize : 0);
    let delay = rate > 0 ? random.exponential(60_000 / rate) : Number.POSITIVE_INFINITY;
    const burstAt = bursts.nextStartAt(at);
    if (burstAt !== undefined) delay = Math.min(delay, Math.max(0, burstAt - at));
    return Number.isFinite(delay) ? Math.min(delay, MAX_TIMER_MS) : undefined;
  };

  const schedule = (): void => {
    if (!running) return;
    const delay = nextDelay();
    if (delay === undefined) return;
    timer = setTimeout(fire, delay);
    timer.unref?.();
  };

  const fire = (): void => {
    timer = undefined;
    if (!running) return;
    if (inFlight.size >= MAX_IN_FLIGHT) {
      stats.dropped++;
    } else {
      try {
        void deliver(next());
      } catch (error) {
        stats.dropped++;
        stats.lastError = error instanceof Error ? error.message : String(error);
      }
    }
    schedule();
  };

  return {
    next,
    tick: async () => {
      const outcome = await deliver(next());
      return outcome ? [outcome] : [];
    },
    start: () => {
      if (running) return;
      running = true;
      schedule();
    },
    stop: async () => {
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await Promise.all([...inFlight]);
    },
    stats: () => ({
      ...stats,
      byLanguage: { ...stats.byLanguage },
      bySubject: { ...stats.bySubject },
      seed: random.seed,
      running,
      inFlight: inFlight.size,
      bursts: bursts.started(),
    }),
  };
}
