import { describe, expect, it } from "vitest";
import { inEnglishOrder, mergeNamespace, serializeCatalog } from "./messageCatalog.ts";

const FILE = {
  "account.title": "My account",
  "account.nav": "Account",
  "common.signIn": "Sign in",
  "triage.team": "Team",
};

describe("mergeNamespace", () => {
  it("adds a namespace's new ids after its last one", () => {
    const { catalog, added } = mergeNamespace(FILE, "account", [
      ["title", "My account"],
      ["logout", "Sign out"],
    ]);
    expect(Object.keys(catalog)).toEqual([
      "account.title",
      "account.nav",
      "account.logout",
      "common.signIn",
      "triage.team",
    ]);
    expect(added).toEqual(["account.logout"]);
  });

  it("places a new namespace in alphabetical order", () => {
    const { catalog } = mergeNamespace(FILE, "email", [["title", "E-mail"]]);
    expect(Object.keys(catalog)).toEqual([
      "account.title",
      "account.nav",
      "common.signIn",
      "email.title",
      "triage.team",
    ]);
    expect(Object.keys(mergeNamespace(FILE, "zoo", [["a", "A"]]).catalog).at(-1)).toBe("zoo.a");
  });

  it("keeps the file's wording, a plural written by hand, over the dictionary's", () => {
    const file = { ...FILE, "contacts.count": "{n, plural, one {# conversation} other {# conversations}}" };
    const outcome = mergeNamespace(file, "contacts", [["count", "{n} conversations"]]);
    expect(outcome.catalog).toBe(file);
    expect(outcome.kept).toEqual([
      { id: "contacts.count", file: file["contacts.count"], dictionary: "{n} conversations" },
    ]);
  });

  it("changes nothing the second time", () => {
    const once = mergeNamespace(FILE, "email", [["title", "E-mail"]]).catalog;
    const twice = mergeNamespace(once, "email", [["title", "E-mail"]]);
    expect(serializeCatalog(twice.catalog)).toBe(serializeCatalog(once));
    expect(twice.added).toEqual([]);
  });
});

describe("inEnglishOrder", () => {
  it("lays a translation out like the English file, its extra ids last", () => {
    const ordered = inEnglishOrder(
      { "triage.team": "Команда", "old.gone": "…", "account.title": "Профиль" },
      FILE,
    );
    expect(Object.keys(ordered)).toEqual(["account.title", "triage.team", "old.gone"]);
  });
});
