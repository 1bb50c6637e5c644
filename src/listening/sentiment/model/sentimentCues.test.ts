import { describe, expect, it } from "vitest";
import { cueFeatures, cuesIn } from "./sentimentCues.ts";
import { modelTokens } from "./sentimentFeatures.ts";

describe("sentiment cues", () => {
  it("names waiting, persistence, resolution and thanks the same way in four languages", () => {
    expect([...cuesIn("до сих пор жду ответа")].sort()).toEqual(["still", "waiting"]);
    expect(cuesIn("od tygodnia czekam na zwrot")).toEqual(new Set(["still", "waiting"]));
    expect(cuesIn("kur ir mana paka")).toEqual(new Set(["where"]));
    expect(cuesIn("viss salabots paldies")).toEqual(new Set(["resolved", "thanks"]));
    expect(cuesIn("problem rozwiazany dziekuje")).toEqual(new Set(["resolved", "thanks"]));
    expect(cuesIn("issue fixed thanks")).toEqual(new Set(["resolved", "thanks"]));
  });

  it("matches at word starts only", () => {
    // "где" inside "нигде" and "wait" inside "await" are not cues.
    expect(cuesIn("нигде")).toEqual(new Set());
    expect(cuesIn("await")).toEqual(new Set());
  });

  it("combines thanks with a complaint, and praise with 'again'", () => {
    const names = (text: string, language: "ru" | "en") =>
      cueFeatures(text, modelTokens(text), language).map(([name]) => name);
    expect(names("Спасибо, что опять потеряли посылку", "ru")).toContain("cue:thanks+complaint");
    expect(names("Thanks, the issue is resolved", "en")).toContain("cue:thanks+resolved");
    expect(names("Wonderful, the app crashed again", "en")).toContain("cue:praise+again");
  });
});
