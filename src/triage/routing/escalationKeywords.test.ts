import { describe, expect, it } from "vitest";
import type { ListeningLanguage } from "../../listening/listeningTypes.ts";
import { findKeywords } from "./escalationKeywords.ts";
import { wordForms } from "./keywordForms.ts";
import { DEFAULT_ESCALATION_KEYWORDS } from "./priority.ts";

const found = (text: string, language?: ListeningLanguage, keywords = DEFAULT_ESCALATION_KEYWORDS) =>
  findKeywords(text, keywords, language).map((hit) => hit.keyword);

describe("escalation keywords in Russian", () => {
  it("finds a keyword in its inflected forms and in any case", () => {
    for (const text of [
      "Подам в суд!",
      "дело дойдёт до суда",
      "разберёмся с вами судом",
      "в суде разберутся",
      "СУУУД",
    ])
      expect(found(text, "ru"), text).toEqual(["суд"]);
    expect(found("напишу в прокуратуру", "ru")).toEqual(["прокуратура"]);
    expect(found("жалоба в Роспотребнадзор уже ушла", "ru")).toEqual(["роспотребнадзор"]);
    expect(found("мой юрист с вами свяжется", "ru")).toEqual(["юрист"]);
    expect(found("передам адвокату", "ru")).toEqual(["адвокат"]);
    expect(found("готовлю иски", "ru")).toEqual(["иск"]);
  });

  it("does not take words that merely start with or contain a keyword", () => {
    for (const text of [
      "такая у меня судьба",
      "разбилась вся посуда",
      "судя по всему, заказ потерялся",
      "не суди строго",
      "буду искать другой магазин",
      "сутки жду",
    ])
      expect(found(text, "ru"), text).toEqual([]);
  });

  it("matches a phrase word by word, each word inflected", () => {
    expect(found("обращусь в общество защиты прав потребителей", "ru")).toEqual(["защита прав потребителей"]);
    expect(found("права потребителей защищены", "ru")).toEqual([]);
  });

  it("works without a language hint, since Cyrillic keywords are Russian", () => {
    expect(found("до суда дойдёт")).toEqual(["суд"]);
  });
});

describe("escalation keywords in Polish", () => {
  it("finds inflected forms, softened stems and abbreviations with endings", () => {
    expect(found("idę z tym do prawnika", "pl")).toEqual(["prawnik"]);
    expect(found("nasi prawnicy już to czytają", "pl")).toEqual(["prawnik"]);
    expect(found("spotkamy się w sądzie", "pl")).toEqual(["sąd"]);
    expect(found("sprawa trafi do sądu", "pl")).toEqual(["sąd"]);
    expect(found("Zgłoszę to do UOKiK-u", "pl")).toEqual(["UOKiK"]);
    expect(found("napiszę do UOKiKu")).toEqual(["UOKiK"]);
    expect(found("#UOKiK")).toEqual(["UOKiK"]);
    expect(found("pozwę was", "pl")).toEqual(["pozwę"]);
  });

  it("matches the consumer ombudsman phrase in other cases", () => {
    expect(found("Napisałem do Rzecznika Praw Konsumenta", "pl")).toEqual(["rzecznik praw konsumenta"]);
    expect(found("skargę wyślę rzecznikowi praw konsumentów")).toEqual(["rzecznik praw konsumenta"]);
  });

  it("does not mistake 'sądzę' (I think) for the court", () => {
    expect(found("nie sądzę, żeby to działało", "pl")).toEqual([]);
    expect(found("nie sadze zeby to dzialalo", "pl")).toEqual([]);
  });

  it("folds diacritics only when the text is known to be Polish", () => {
    expect(found("oddam sprawe do sadu", "pl")).toEqual(["sąd"]);
    // Without the hint "sadu" may be anything; the English "sad" never is the court.
    expect(found("oddam sprawe do sadu")).toEqual([]);
    expect(found("I am so sad", "en")).toEqual([]);
    expect(found("I am so sad")).toEqual([]);
  });

  it("ignores an account handle that happens to be a keyword", () => {
    expect(found("@uokik")).toEqual([]);
  });
});

describe("escalation keywords in Latvian", () => {
  it("finds the court, lawyers and the consumer authority in their cases", () => {
    expect(found("griezīšos tiesā", "lv")).toEqual(["tiesa"]);
    expect(found("jautāšu juristam", "lv")).toEqual(["jurists"]);
    expect(found("mans advokāts jums rakstīs", "lv")).toEqual(["advokāts"]);
    expect(found("rakstīšu advokatam", "lv")).toEqual(["advokāts"]);
    expect(found("sūdzība PTAC-am")).toEqual(["PTAC"]);
    expect(found("vērsīšos Patērētāju tiesību aizsardzības centrā", "lv")).toEqual([
      "Patērētāju tiesību aizsardzības centrs",
    ]);
  });

  it("keeps 'tiešām' and 'tieši' apart from 'tiesa'", () => {
    expect(found("tiešām slikti", "lv")).toEqual([]);
    expect(found("tieši tā", "lv")).toEqual([]);
    expect(found("tiesi ta", "lv")).toEqual([]);
  });

  it("does not let a Latvian base make English words", () => {
    expect(found("he ties the knot", "en")).toEqual([]);
    expect(found("he ties the knot")).toEqual([]);
  });
});

describe("escalation keywords in English", () => {
  it("finds plurals, possessives and the verb", () => {
    expect(found("I will sue you", "en")).toEqual(["sue"]);
    expect(found("they were sued last year", "en")).toEqual(["sue"]);
    expect(found("I'm suing", "en")).toEqual(["suing"]);
    expect(found("my lawyer's letter is on its way", "en")).toEqual(["lawyer"]);
    expect(found("my attorneys", "en")).toEqual(["attorney"]);
    expect(found("see you in COURT", "en")).toEqual(["court"]);
    expect(found("we will take legal action", "en")).toEqual(["legal action"]);
  });

  it("does not take longer words that start like a keyword", () => {
    for (const text of ["thanks for the courtesy call", "no sugar please", "a suede jacket", "legal tender"])
      expect(found(text, "en"), text).toEqual([]);
  });
});

describe("findKeywords", () => {
  it("reports each keyword once, in the order of the list, with where it first occurs", () => {
    const text = "Lawyer here. Court next. My lawyer again.";
    expect(findKeywords(text, ["court", "lawyer", "court"], "en")).toEqual([
      { keyword: "court", start: 13, end: 18 },
      { keyword: "lawyer", start: 0, end: 6 },
    ]);
  });

  it("takes a team's own keywords and skips blank ones", () => {
    expect(found("Напишу в ОЗПП", "ru", ["ОЗПП", "  ", "!!"])).toEqual(["ОЗПП"]);
    expect(found("", "ru")).toEqual([]);
  });
});

describe("wordForms", () => {
  it("declines a Russian hard noun without the soft ending that would make 'судя'", () => {
    const forms = wordForms("суд", "ru");
    expect(forms).toEqual(expect.arrayContaining(["суд", "суда", "суду", "судом", "суде", "суды", "судах"]));
    expect(forms).not.toContain("судя");
    expect(forms).not.toContain("суди");
  });

  it("uses и after velars and keeps the bare base for genitive plurals", () => {
    expect(wordForms("иск", "ru")).toContain("иски");
    expect(wordForms("прокуратура", "ru")).toEqual(expect.arrayContaining(["прокуратуры", "прокуратур"]));
  });

  it("gives Latvian nouns only their own declension's endings", () => {
    const forms = wordForms("tiesa", "lv");
    expect(forms).toEqual(expect.arrayContaining(["tiesas", "tiesai", "tiesu", "tiesā", "tiesām"]));
    expect(forms).not.toContain("tiesi");
    expect(forms).not.toContain("ties");
  });

  it("softens Polish stems only before the endings that soften them", () => {
    const forms = wordForms("sąd", "pl");
    expect(forms).toContain("sądzie");
    expect(forms).not.toContain("sądzę");
  });

  it("leaves words shorter than a base alone", () => {
    expect(wordForms("vz", "lv")).toEqual(["vz"]);
  });
});
