import { describe, expect, it } from "vitest";
import type { Phrase } from "./phrase.ts";
import { BOOKS, LANGUAGES, PHRASES } from "./phrasebook.ts";
import { recordingFake } from "./recordingFake.testSupport.ts";
import { createTrafficGenerator } from "./trafficGenerator.ts";

const phraseByText = new Map<string, Phrase>(PHRASES.map((phrase) => [phrase.text, phrase]));
/** The phrase a text was made from: as it is, or with the brand's name put in (brandMentions.ts). */
const phraseOf = (text: string): Phrase | undefined =>
  phraseByText.get(text) ?? PHRASES.find((phrase) => text.includes(phrase.text));

const twoPlatforms = () => [
  recordingFake("telegram", ["nordmart_bot", "nordmart_help_bot"]),
  recordingFake("vk", ["club1"]),
];

describe("next()", () => {
  it("plans the same sequence for the same seed and another for a different seed", () => {
    const plan = (seed: number) => {
      const generator = createTrafficGenerator({ fakes: twoPlatforms(), seed, now: () => 0 });
      return Array.from({ length: 50 }, () => {
        const { fake, account, action } = generator.next();
        return [fake.platform, account, action.person, action.text, action.visibility];
      });
    };
    expect(plan(7)).toEqual(plan(7));
    expect(plan(7)).not.toEqual(plan(8));
  });

  it("uses all four languages over 200 actions, each text in its writer's language", () => {
    const generator = createTrafficGenerator({ fakes: twoPlatforms(), seed: 1, now: () => 0 });
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { action, language, kind } = generator.next();
      seen.add(language);
      expect(action.person.languageCode).toBe(language);
      if (kind === "followUp") expect(BOOKS[language].followUps).toContain(action.text);
      else expect(phraseOf(action.text)?.language).toBe(language);
    }
    expect([...seen].sort()).toEqual([...LANGUAGES].sort());
    expect(Object.values(generator.stats().byLanguage).reduce((a, b) => a + b)).toBe(200);
  });

  it("honours language weights, leaving out languages without weight", () => {
    const generator = createTrafficGenerator({
      fakes: twoPlatforms(),
      seed: 2,
      languages: { lv: 1 },
      now: () => 0,
    });
    for (let i = 0; i < 100; i++) expect(generator.next().action.person.languageCode).toBe("lv");
  });

  it("writes only to fakes that have accounts, and fails clearly when none has", async () => {
    const empty = recordingFake("telegram", []);
    const generator = createTrafficGenerator({
      fakes: [empty, recordingFake("vk", ["club1"])],
      seed: 3,
      now: () => 0,
    });
    for (let i = 0; i < 50; i++) expect(generator.next().account).toBe("club1");

    const nowhere = createTrafficGenerator({ fakes: [empty], seed: 3, now: () => 0 });
    expect(() => nowhere.next()).toThrow(/no platform fake has an account/);
    await expect(nowhere.tick()).rejects.toThrow(/no platform fake has an account/);
  });

  it("mixes public and private by publicShare, brings customers back and follows up in their own public threads", () => {
    const generator = createTrafficGenerator({ fakes: twoPlatforms(), seed: 4, now: () => 0 });
    const publicBy = new Set<string>();
    let publicCount = 0;
    let followUps = 0;
    for (let i = 0; i < 2000; i++) {
      const { fake, account, action, kind } = generator.next();
      const thread = `${fake.platform}/${account}/${action.person.id}`;
      expect(action.replyToCommentId).toBeUndefined();
      if (kind === "followUp") {
        followUps++;
        expect(action.visibility).toBe("public");
        expect(publicBy.has(thread)).toBe(true);
      }
      if (action.visibility === "public") {
        publicCount++;
        publicBy.add(thread);
      }
    }
    const stats = generator.stats();
    expect(publicCount / 2000).toBeGreaterThan(0.3);
    expect(publicCount / 2000).toBeLessThan(0.45);
    expect(followUps).toBeGreaterThan(20);
    expect(stats.followUps).toBe(followUps);
    expect(stats.returning / stats.planned).toBeGreaterThan(0.28);
    expect(stats.returning / stats.planned).toBeLessThan(0.45);
  });

  it("sends only direct messages when publicShare is 0", () => {
    const generator = createTrafficGenerator({
      fakes: twoPlatforms(),
      seed: 5,
      publicShare: 0,
      now: () => 0,
    });
    for (let i = 0; i < 300; i++) expect(generator.next().action.visibility).toBe("private");
    expect(generator.stats().followUps).toBe(0);
  });

  it("sends some direct messages with a photo or a PDF, mostly photos, and no comment with one", () => {
    const generator = createTrafficGenerator({ fakes: twoPlatforms(), seed: 11, now: () => 0 });
    const actions = Array.from({ length: 1000 }, () => generator.next().action);
    const photos = actions.filter((a) => a.attachment === "image");
    const documents = actions.filter((a) => a.attachment === "document");
    expect(photos.length).toBeGreaterThan(documents.length);
    expect(documents.length).toBeGreaterThan(0);
    expect(photos.length + documents.length).toBeLessThan(200);
    expect([...photos, ...documents].every((a) => a.visibility === "private")).toBe(true);
  });

  it("rejects nonsensical options", () => {
    const fakes = twoPlatforms();
    expect(() => createTrafficGenerator({ fakes, publicShare: 1.5 })).toThrow(RangeError);
    expect(() => createTrafficGenerator({ fakes, messagesPerMinute: -1 })).toThrow(RangeError);
    expect(() => createTrafficGenerator({ fakes, languages: { ru: 0 } })).toThrow(/positive weight/);
  });
});

describe("tick()", () => {
  it("delivers exactly one action and returns the platform's outcome", async () => {
    const fake = recordingFake("telegram", ["nordmart_bot"], () => ({
      status: 200,
      payload: { update_id: 1 },
    }));
    const generator = createTrafficGenerator({ fakes: [fake], seed: 6 });
    expect(await generator.tick()).toEqual([{ status: 200, payload: { update_id: 1 } }]);
    expect(fake.acts).toHaveLength(1);
    expect(fake.acts[0]?.account).toBe("nordmart_bot");
    expect(generator.stats()).toMatchObject({ planned: 1, delivered: 1, failed: 0, inFlight: 0 });
  });

  it("counts errors thrown or rejected by act() instead of throwing them", async () => {
    let calls = 0;
    const fake = recordingFake("vk", ["club1"], () => {
      calls++;
      if (calls === 1) throw new Error("boom");
      return Promise.reject(new Error("connection refused"));
    });
    const generator = createTrafficGenerator({ fakes: [fake], seed: 7 });
    expect(await generator.tick()).toEqual([]);
    expect(await generator.tick()).toEqual([]);
    expect(generator.stats()).toMatchObject({ delivered: 0, failed: 2, lastError: "connection refused" });
  });

  it("counts HTTP error answers from Parley as rejected", async () => {
    const fake = recordingFake("vk", ["club1"], () => ({ status: 503, payload: {} }));
    const generator = createTrafficGenerator({ fakes: [fake], seed: 8 });
    expect((await generator.tick())[0]?.status).toBe(503);
    expect(generator.stats()).toMatchObject({ delivered: 1, rejected: 1, failed: 0 });
  });
});
