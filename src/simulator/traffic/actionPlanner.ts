import type { CustomerAction, PlatformFake, SimulatedPerson } from "../customerDriver.ts";
import { mentionBrand } from "./brandMentions.ts";
import type { BurstSchedule } from "./burstSchedule.ts";
import type { PersonGenerator } from "./personGenerator.ts";
import type { Language, Phrase, Sentiment, Subject } from "./phrase.ts";
import { BOOKS, phrasesFor } from "./phrasebook.ts";
import type { Random } from "./random.ts";

export interface PlannedAction {
  fake: PlatformFake;
  account: string;
  action: CustomerAction;
  subject: Subject;
  language: Language;
  sentiment: Sentiment;
  /** new: a fresh message; followUp: a nudge under the person's own public comment; burst: part of an incident. */
  kind: "new" | "followUp" | "burst";
  returning: boolean;
}

export interface ActionPlannerOptions {
  fakes: readonly PlatformFake[];
  random: Random;
  people: PersonGenerator;
  bursts: BurstSchedule;
  languages: ReadonlyArray<readonly [Language, number]>;
  publicShare: number;
  /** Regular messages per minute, to split traffic between a running burst and the everyday inbox. */
  messagesPerMinute: number;
  burstSize: number;
  now: () => number;
}

export interface ActionPlanner {
  next(): PlannedAction;
}

/** Everyday mix of an electronics retailer's inbox: mostly "where is my order", little praise, some rivals. */
const SUBJECT_WEIGHTS: ReadonlyArray<readonly [Subject, number]> = [
  ["delivery", 24],
  ["returns", 12],
  ["bonus", 14],
  ["payment", 10],
  ["product", 16],
  ["complaint", 10],
  ["praise", 9],
  ["competitor", 5],
];

const FOLLOW_UP_SHARE = 0.08;
/** Share of texts that name the brand (the rest are written to it without naming it, as most DMs are). */
const BRAND_MENTION_SHARE = 0.35;
const BURST_NEGATIVE_SHARE = 0.85;
/** Share of direct messages sent with a photo or a PDF (where the platform's fake serves files), mostly photos. */
const ATTACHMENT_SHARE = 0.12;
const PHOTO_SHARE = 0.7;
const MAX_OPEN_THREADS = 50;

interface OpenThread {
  fake: PlatformFake;
  account: string;
  person: SimulatedPerson;
  subject: Subject;
  sentiment: Sentiment;
}

export function createActionPlanner(options: ActionPlannerOptions): ActionPlanner {
  const { fakes, random, people, bursts, languages, publicShare, now } = options;
  const threads: OpenThread[] = [];
  // Rates add up like independent Poisson streams: during a burst its share of messages is its share of the rate.
  const burstShare = options.burstSize / (options.burstSize + options.messagesPerMinute);

  const target = (): { fake: PlatformFake; account: string; accounts: readonly string[] } => {
    const withAccounts = fakes
      .map((fake) => ({ fake, accounts: fake.accounts() }))
      .filter((entry) => entry.accounts.length > 0);
    if (withAccounts.length === 0) throw new Error("traffic: no platform fake has an account to write to");
    const chosen = random.pick(withAccounts);
    return { fake: chosen.fake, account: random.pick(chosen.accounts), accounts: chosen.accounts };
  };

  const phrase = (language: Language, subject: Subject, sentiment?: Sentiment): Phrase => {
    const narrowed = sentiment ? phrasesFor(language, subject, sentiment) : [];
    return random.pick(narrowed.length > 0 ? narrowed : phrasesFor(language, subject));
  };

  const followUp = (): PlannedAction | undefined => {
    if (threads.length === 0 || !random.chance(FOLLOW_UP_SHARE)) return undefined;
    const thread = random.pick(threads);
    // Accounts can be removed while the simulator runs; a thread on a vanished account cannot be continued.
    if (!thread.fake.accounts().includes(thread.account)) return undefined;
    const language = thread.person.languageCode;
    return {
      fake: thread.fake,
      account: thread.account,
      action: { person: thread.person, text: random.pick(BOOKS[language].followUps), visibility: "public" },
      subject: thread.subject,
      language,
      sentiment: thread.sentiment === "positive" ? "neutral" : "negative",
      kind: "followUp",
      returning: true,
    };
  };

  const fresh = (kind: "new" | "burst", subject: Subject, sentiment?: Sentiment): PlannedAction => {
    const { fake, account } = target();
    const { person, returning } = people.customer(fake.platform, () => random.weighted(languages));
    const chosen = phrase(person.languageCode, subject, sentiment);
    const visibility = random.chance(publicShare) ? "public" : "private";
    if (visibility === "public") {
      threads.push({ fake, account, person, subject, sentiment: chosen.sentiment });
      if (threads.length > MAX_OPEN_THREADS) threads.shift();
    }
    const attachment =
      visibility === "private" && random.chance(ATTACHMENT_SHARE)
        ? random.chance(PHOTO_SHARE)
          ? ("image" as const)
          : ("document" as const)
        : undefined;
    return {
      fake,
      account,
      action: {
        person,
        text: random.chance(BRAND_MENTION_SHARE)
          ? mentionBrand(chosen.text, person.languageCode, random)
          : chosen.text,
        visibility,
        ...(attachment ? { attachment } : {}),
      },
      subject,
      language: person.languageCode,
      sentiment: chosen.sentiment,
      kind,
      returning,
    };
  };

  const next = (): PlannedAction => {
    const burst = bursts.current(now());
    if (burst && random.chance(burstShare)) {
      const sentiment: Sentiment = random.chance(BURST_NEGATIVE_SHARE) ? "negative" : "neutral";
      const planned = fresh("burst", burst.subject, sentiment);
      bursts.consume();
      return planned;
    }
    return followUp() ?? fresh("new", random.weighted(SUBJECT_WEIGHTS));
  };

  return { next };
}
