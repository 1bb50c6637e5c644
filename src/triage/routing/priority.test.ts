import { describe, expect, it } from "vitest";
import {
  DEFAULT_ESCALATION_KEYWORDS,
  DEFAULT_PRIORITY_SETTINGS,
  higherPriority,
  type PriorityFacts,
  priorityAfterMoodCorrection,
  priorityOf,
} from "./priority.ts";

const facts = (overrides: Partial<PriorityFacts> = {}): PriorityFacts => ({
  text: "Where is my order?",
  sentiment: "neutral",
  reach: null,
  public: false,
  repeatAfterUnresolved: false,
  ...overrides,
});

const settings = DEFAULT_PRIORITY_SETTINGS;

describe("priorityOf", () => {
  it("leaves an ordinary private question at normal, with no reasons", () => {
    expect(priorityOf(facts(), settings)).toEqual({ priority: "normal", reasons: [] });
  });

  it("never lowers below normal on its own, even for praise", () => {
    expect(priorityOf(facts({ sentiment: "positive", text: "Thank you!" }), settings).priority).toBe(
      "normal",
    );
  });

  it("raises each single signal to high", () => {
    expect(priorityOf(facts({ sentiment: "negative" }), settings)).toEqual({
      priority: "high",
      reasons: [{ kind: "negative_sentiment" }],
    });
    expect(priorityOf(facts({ repeatAfterUnresolved: true }), settings)).toEqual({
      priority: "high",
      reasons: [{ kind: "repeat_contact" }],
    });
    expect(priorityOf(facts({ reach: 10_000 }), settings)).toEqual({
      priority: "high",
      reasons: [{ kind: "high_reach", detail: "10000 followers" }],
    });
  });

  it("does not count a public thread unless the message is negative", () => {
    expect(priorityOf(facts({ public: true }), settings)).toEqual({ priority: "normal", reasons: [] });
    expect(priorityOf(facts({ public: true, sentiment: "negative" }), settings)).toEqual({
      priority: "high",
      reasons: [{ kind: "negative_sentiment" }, { kind: "public_thread" }],
    });
  });

  it("makes a negative public message from a large account or a let-down customer urgent", () => {
    expect(priorityOf(facts({ sentiment: "negative", public: true, reach: 50_000 }), settings)).toEqual({
      priority: "urgent",
      reasons: [
        { kind: "negative_sentiment" },
        { kind: "public_thread" },
        { kind: "high_reach", detail: "50000 followers" },
      ],
    });
    expect(
      priorityOf(facts({ sentiment: "negative", public: true, repeatAfterUnresolved: true }), settings)
        .priority,
    ).toBe("urgent");
  });

  it("keeps a private complaint from a large account at high", () => {
    expect(priorityOf(facts({ sentiment: "negative", reach: 50_000 }), settings).priority).toBe("high");
    expect(priorityOf(facts({ reach: 50_000, repeatAfterUnresolved: true }), settings).priority).toBe("high");
  });

  it("treats an unknown reach as not high, and a threshold of 0 as off", () => {
    expect(priorityOf(facts({ reach: null }), settings).priority).toBe("normal");
    expect(priorityOf(facts({ reach: 9_999 }), settings).priority).toBe("normal");
    expect(priorityOf(facts({ reach: 5 }), { ...settings, highReach: 0 }).priority).toBe("normal");
  });

  it("makes any escalation keyword urgent, naming the keyword", () => {
    const cases: [string, PriorityFacts["language"], string][] = [
      ["Подам на вас в суд", "ru", "суд"],
      ["Если не вернёте деньги, пойду к юристу", "ru", "юрист"],
      ["Zgłaszam sprawę do UOKiK-u", "pl", "UOKiK"],
      ["Porozmawiam z prawnikiem", "pl", "prawnik"],
      ["Vērsīšos tiesā", "lv", "tiesa"],
      ["You'll hear from my attorney", "en", "attorney"],
    ];
    for (const [text, language, keyword] of cases)
      expect(priorityOf(facts({ text, language, sentiment: "positive" }), settings), text).toEqual({
        priority: "urgent",
        reasons: [{ kind: "escalation_keyword", detail: keyword }],
      });
  });

  it("lists keyword reasons first, then the others", () => {
    const { priority, reasons } = priorityOf(
      facts({ text: "Lawyer and court, both", language: "en", sentiment: "negative", reach: 20_000 }),
      settings,
    );
    expect(priority).toBe("urgent");
    expect(reasons.map((reason) => reason.kind)).toEqual([
      "escalation_keyword",
      "escalation_keyword",
      "negative_sentiment",
      "high_reach",
    ]);
  });

  it("does not escalate on words that only look like a keyword", () => {
    for (const [text, language] of [
      ["Такая судьба у посылки", "ru"],
      ["Разбилась посуда при доставке", "ru"],
      ["Судя по трекингу, посылка стоит", "ru"],
      ["Nie sądzę, żeby to dotarło", "pl"],
      ["Tiešām ilgi jāgaida", "lv"],
      ["So sad the parcel is late", "en"],
    ] as const)
      expect(priorityOf(facts({ text, language }), settings).priority, text).toBe("normal");
  });

  it("uses the team's own keyword list instead of the defaults", () => {
    const own = { ...settings, escalationKeywords: ["chargeback"] };
    expect(priorityOf(facts({ text: "I filed chargebacks" }), own).priority).toBe("urgent");
    expect(priorityOf(facts({ text: "Подам в суд" }), own).priority).toBe("normal");
  });
});

describe("DEFAULT_ESCALATION_KEYWORDS", () => {
  it("covers all four languages", () => {
    for (const keyword of ["суд", "роспотребнадзор", "sąd", "UOKiK", "tiesa", "PTAC", "lawyer", "sue"])
      expect(DEFAULT_ESCALATION_KEYWORDS).toContain(keyword);
  });
});

describe("higherPriority", () => {
  it("returns the more pressing of two priorities, whichever side it is on", () => {
    expect(higherPriority("low", "urgent")).toBe("urgent");
    expect(higherPriority("high", "normal")).toBe("high");
    expect(higherPriority("normal", "normal")).toBe("normal");
  });
});

describe("priorityAfterMoodCorrection", () => {
  it("adds the tone's reasons and raises the priority when a message is corrected to negative", () => {
    expect(priorityAfterMoodCorrection({ priority: "normal", reasons: [] }, "negative", false)).toEqual({
      priority: "high",
      reasons: [{ kind: "negative_sentiment" }],
    });
    // Public, from a large account: three signals make it urgent, as triage would have.
    expect(
      priorityAfterMoodCorrection(
        { priority: "high", reasons: [{ kind: "high_reach", detail: "20000 followers" }] },
        "negative",
        true,
      ),
    ).toEqual({
      priority: "urgent",
      reasons: [
        { kind: "high_reach", detail: "20000 followers" },
        { kind: "negative_sentiment" },
        { kind: "public_thread" },
      ],
    });
  });

  it("takes the tone's reasons away but never lowers the priority when a message is no longer negative", () => {
    expect(
      priorityAfterMoodCorrection(
        { priority: "high", reasons: [{ kind: "negative_sentiment" }, { kind: "public_thread" }] },
        "neutral",
        true,
      ),
    ).toEqual({ priority: "high", reasons: [] });
  });

  it("does not count a reason twice when the tone was already negative", () => {
    const corrected = priorityAfterMoodCorrection(
      { priority: "high", reasons: [{ kind: "negative_sentiment" }] },
      "negative",
      false,
    );
    expect(corrected).toEqual({ priority: "high", reasons: [{ kind: "negative_sentiment" }] });
  });
});
