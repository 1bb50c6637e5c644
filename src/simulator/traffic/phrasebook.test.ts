import { describe, expect, it } from "vitest";
import { BURST_SUBJECTS } from "./burstSchedule.ts";
import { BOOKS, LANGUAGES, PHRASES, phrasesFor, SUBJECTS } from "./phrasebook.ts";

const textsOf = (language: string) => PHRASES.filter((p) => p.language === language).map((p) => p.text);

describe("phrasebook", () => {
  it("has at least 12 phrases for every language and subject", () => {
    for (const language of LANGUAGES) {
      for (const subject of SUBJECTS) {
        expect(phrasesFor(language, subject).length, `${language}/${subject}`).toBeGreaterThanOrEqual(12);
      }
    }
  });

  it("keeps every text non-empty, trimmed, unique and under a message limit", () => {
    for (const phrase of PHRASES) {
      expect(phrase.text.trim()).toBe(phrase.text);
      expect(phrase.text.length).toBeGreaterThan(0);
      expect(phrase.text.length).toBeLessThan(4096);
    }
    // Unique texts let tests (and trainers) tell a message's subject from its text alone.
    expect(new Set(PHRASES.map((p) => p.text)).size).toBe(PHRASES.length);
  });

  it("labels sentiment sensibly: praise is positive, complaints mostly negative", () => {
    for (const language of LANGUAGES) {
      expect(phrasesFor(language, "praise").every((p) => p.sentiment === "positive")).toBe(true);
      const complaints = phrasesFor(language, "complaint");
      expect(complaints.filter((p) => p.sentiment === "negative").length / complaints.length).toBeGreaterThan(
        0.8,
      );
      const angry = complaints.filter((p) => p.text.includes("!!!") && /\p{Lu}{4,}/u.test(p.text));
      expect(angry.length, `${language} shouting complaints`).toBeGreaterThanOrEqual(1);
    }
  });

  it("has enough negative texts for every subject a burst can flood", () => {
    for (const language of LANGUAGES) {
      for (const subject of BURST_SUBJECTS) {
        expect(phrasesFor(language, subject, "negative").length).toBeGreaterThanOrEqual(5);
      }
    }
  });

  it("writes like real customers: typos, transliterations, order and phone numbers, emoji", () => {
    const all = PHRASES.map((p) => p.text).join("\n");
    for (const sample of ["дотавка", "привизете", "nordmrt", "нордмарт", "zamowienie", "pasutijums"]) {
      expect(all).toContain(sample);
    }
    for (const language of LANGUAGES) {
      const texts = textsOf(language);
      expect(
        texts.some((t) => /\d{4}-\d{4}/.test(t)),
        `${language} order number`,
      ).toBe(true);
      expect(
        texts.some((t) => /\+?\d[\d -]{8,}\d/.test(t) && !/\d{4}-\d{4}/.test(t)),
        `${language} phone`,
      ).toBe(true);
      expect(texts.filter((t) => /\p{Extended_Pictographic}/u.test(t)).length).toBeGreaterThanOrEqual(10);
    }
  });

  it("names a competitor in every competitor text", () => {
    for (const language of LANGUAGES) {
      for (const phrase of phrasesFor(language, "competitor")) {
        // "elektri" also covers inflected forms: Polish "w Elektrice", Latvian "Elektrikā".
        expect(phrase.text).toMatch(/technopol|технопол|elektri|электрик/i);
      }
    }
  });

  it("provides names, ASCII handles and follow-ups per language", () => {
    for (const language of LANGUAGES) {
      const { names, followUps } = BOOKS[language];
      for (const gender of [names.male, names.female]) {
        expect(gender.first.length).toBeGreaterThanOrEqual(8);
        expect(gender.last.length).toBeGreaterThanOrEqual(8);
      }
      expect(names.handles.every((handle) => /^[a-z0-9_]+$/.test(handle))).toBe(true);
      expect(followUps.length).toBeGreaterThanOrEqual(5);
    }
    // Inflected surnames: a Russian woman is Иванова, a Latvian woman Bērziņa, a Polish woman Kowalska.
    expect(BOOKS.ru.names.female.last).toContain("Иванова");
    expect(BOOKS.lv.names.female.last).toContain("Bērziņa");
    expect(BOOKS.pl.names.female.last).toContain("Kowalska");
  });
});
