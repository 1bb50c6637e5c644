import { describe, expect, it } from "vitest";
import type { SimulatedPerson } from "../customerDriver.ts";
import { latinize } from "./latinize.ts";
import { createPersonGenerator } from "./personGenerator.ts";
import { BOOKS, LANGUAGES } from "./phrasebook.ts";
import { createRandom } from "./random.ts";

describe("createPersonGenerator", () => {
  it("is deterministic for a seed", () => {
    const make = (seed: number) => {
      const people = createPersonGenerator({ random: createRandom(seed) });
      return LANGUAGES.map((language) => people.create(language));
    };
    expect(make(1)).toEqual(make(1));
    expect(make(1)).not.toEqual(make(2));
  });

  it("gives unique 31-bit ids and names typical of the person's language", () => {
    const people = createPersonGenerator({ random: createRandom(3) });
    const persons: SimulatedPerson[] = [];
    for (let i = 0; i < 2000; i++) persons.push(people.create(LANGUAGES[i % 4]!));
    expect(new Set(persons.map((p) => p.id)).size).toBe(persons.length);
    for (const person of persons) {
      expect(Number.isInteger(person.id) && person.id > 0 && person.id < 2 ** 31).toBe(true);
      const names = BOOKS[person.languageCode].names;
      expect([...names.male.first, ...names.female.first]).toContain(person.firstName);
      if (person.lastName) expect([...names.male.last, ...names.female.last]).toContain(person.lastName);
      if (person.username) expect(person.username).toMatch(/^[a-z0-9_]{5,32}$/);
    }
    const usernames = persons.flatMap((p) => (p.username ? [p.username] : []));
    expect(new Set(usernames).size).toBe(usernames.length);
    expect(persons.some((p) => p.lastName === undefined)).toBe(true);
    expect(persons.some((p) => p.username === undefined)).toBe(true);
  });

  it("brings back about 30% returning customers per platform, each in their own language", () => {
    const people = createPersonGenerator({ random: createRandom(9) });
    const languageOf = new Map<number, string>();
    let returning = 0;
    for (let i = 0; i < 3000; i++) {
      const { person, returning: again } = people.customer("telegram", () => LANGUAGES[i % 4]!);
      if (again) {
        returning++;
        expect(languageOf.get(person.id)).toBe(person.languageCode);
      } else {
        expect(languageOf.has(person.id)).toBe(false);
        languageOf.set(person.id, person.languageCode);
      }
    }
    expect(returning / 3000).toBeGreaterThan(0.25);
    expect(returning / 3000).toBeLessThan(0.35);
    expect(people.customer("vk", () => "en").returning).toBe(false);
  });

  it("keeps each platform's pool bounded", () => {
    const people = createPersonGenerator({ random: createRandom(4), maxPoolSize: 10, returningShare: 0 });
    for (let i = 0; i < 50; i++) people.customer("vk", () => "pl");
    expect(people.poolSize("vk")).toBe(10);
    expect(people.poolSize("telegram")).toBe(0);
  });
});

describe("latinize", () => {
  it("turns names of all four languages into handle-safe ASCII", () => {
    expect(latinize("Артём Соловьёв")).toBe("artemsolovev");
    expect(latinize("Łukasz Wiśniewski")).toBe("lukaszwisniewski");
    expect(latinize("Mārtiņš Bērziņš")).toBe("martinsberzins");
  });
});
