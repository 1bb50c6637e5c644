import { describe, expect, it } from "vitest";
import { addMessages, formatMessage, hasMessages, type MessageId } from "./messages.ts";

// Its own file: the other tests load the full translations, and these need a language that lacks some.
describe("a missing or broken translation", () => {
  it("falls back to English, message by message", () => {
    expect(hasMessages("lv")).toBe(false);
    expect(formatMessage("lv", "common.signIn")).toBe("Sign in");
    addMessages("lv", { "common.signIn": "Pierakstīties" });
    expect(formatMessage("lv", "common.signIn")).toBe("Pierakstīties");
    expect(formatMessage("lv", "common.signOut")).toBe("Sign out");
    // English words, Latvian plural rules and numbers: 21 is "one" in Latvian.
    expect(formatMessage("lv", "contacts.conversationsCount", { n: 21 })).toBe("21 conversation");
  });

  it("shows English when a translation is not valid ICU", () => {
    addMessages("pl", { "inboxTools.selected": "{n, plural, one {# rozmowa} few {# rozmowy}" });
    expect(formatMessage("pl", "inboxTools.selected", { n: 2 })).toBe("2 conversations selected");
  });

  it("shows the id of a message that does not exist rather than failing", () => {
    expect(formatMessage("ru", "account.role_owner" as MessageId)).toBe("account.role_owner");
  });
});
