import type { SimulatedPerson } from "../customerDriver.ts";
import { latinize } from "./latinize.ts";
import type { Language, NameBook } from "./phrase.ts";
import { BOOKS } from "./phrasebook.ts";
import type { Random } from "./random.ts";

export interface PersonGeneratorOptions {
  random: Random;
  /** Share of messages written by someone who wrote before (default 0.3). */
  returningShare?: number;
  /** Remembered customers per platform; beyond it old ones are forgotten so a long demo stays bounded. */
  maxPoolSize?: number;
}

export interface Customer {
  person: SimulatedPerson;
  returning: boolean;
}

export interface PersonGenerator {
  /** A brand-new person who writes in the given language. */
  create(language: Language): SimulatedPerson;
  /**
   * Who writes next on a platform: a returning customer of that platform or a new one. Pools are per platform
   * because a Telegram user id means nothing on VK. The language is only chosen when a new person is needed.
   */
  customer(platform: string, chooseLanguage: () => Language): Customer;
  poolSize(platform: string): number;
}

const MAX_ID = 2 ** 31 - 1;

export function createPersonGenerator(options: PersonGeneratorOptions): PersonGenerator {
  const { random } = options;
  const returningShare = options.returningShare ?? 0.3;
  const maxPoolSize = options.maxPoolSize ?? 500;
  const usedIds = new Set<number>();
  const usedUsernames = new Set<string>();
  const pools = new Map<string, SimulatedPerson[]>();

  const uniqueId = (): number => {
    for (;;) {
      const id = random.int(1, MAX_ID);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };

  const username = (names: NameBook, first: string, last: string | undefined): string => {
    const year = String(random.int(1965, 2008));
    const styles: (() => string)[] = [
      () => `${random.pick(names.handles)}${random.chance(0.5) ? "_" : ""}${random.int(1, 999)}`,
      () => `${latinize(first)}${random.chance(0.5) ? year : year.slice(2)}`,
      () =>
        last ? `${latinize(first)}_${latinize(last)}` : `${latinize(first)}_${random.pick(names.handles)}`,
      () =>
        last ? `${latinize(first).slice(0, 1)}${latinize(last)}` : `${random.pick(names.handles)}${year}`,
    ];
    let handle = random.pick(styles)();
    // Telegram wants at least five characters; short Latvian or Polish names fall below that.
    while (handle.length < 5) handle += String(random.int(0, 9));
    const base = handle.slice(0, 26);
    let candidate = base;
    while (usedUsernames.has(candidate)) candidate = `${base}${random.int(10, 9999)}`;
    usedUsernames.add(candidate);
    return candidate;
  };

  const create = (language: Language): SimulatedPerson => {
    const names = BOOKS[language].names;
    const gender = random.chance(0.5) ? names.female : names.male;
    const firstName = random.pick(gender.first);
    // Plenty of real profiles show only a first name, and many have no username at all.
    const lastName = random.chance(0.7) ? random.pick(gender.last) : undefined;
    const person: SimulatedPerson = { id: uniqueId(), firstName, languageCode: language };
    if (lastName !== undefined) person.lastName = lastName;
    if (random.chance(0.65)) person.username = username(names, firstName, lastName);
    return person;
  };

  const customer = (platform: string, chooseLanguage: () => Language): Customer => {
    const pool = pools.get(platform) ?? [];
    pools.set(platform, pool);
    if (pool.length > 0 && random.chance(returningShare)) {
      return { person: random.pick(pool), returning: true };
    }
    const person = create(chooseLanguage());
    if (pool.length < maxPoolSize) pool.push(person);
    else pool[random.int(0, pool.length - 1)] = person;
    return { person, returning: false };
  };

  return { create, customer, poolSize: (platform) => pools.get(platform)?.length ?? 0 };
}
