import { describe, expect, it } from "vitest";
import { buildCommentTree, generateSecret, safeHttpUrl } from "./format.ts";
import { pickLocale } from "./i18n.ts";

describe("safeHttpUrl", () => {
  it("keeps http and https links and drops script and data URLs", () => {
    expect(safeHttpUrl("https://vk.com/wall-1_2")).toBe("https://vk.com/wall-1_2");
    expect(safeHttpUrl("javascript:alert(1)")).toBeNull();
    expect(safeHttpUrl("data:text/html,<script>alert(1)</script>")).toBeNull();
    expect(safeHttpUrl("not a url")).toBeNull();
    expect(safeHttpUrl(null)).toBeNull();
  });
});

describe("buildCommentTree", () => {
  it("nests replies under their parent and keeps orphans at the top", () => {
    const tree = buildCommentTree([
      { externalId: "c1", parentExternalId: null },
      { externalId: "c2", parentExternalId: "c1" },
      { externalId: "c3", parentExternalId: "c2" },
      { externalId: "c4", parentExternalId: "gone" },
      { externalId: null, parentExternalId: null },
    ]);
    expect(tree.map((n) => n.item.externalId)).toEqual(["c1", "c4", null]);
    expect(tree[0]!.children[0]!.item.externalId).toBe("c2");
    expect(tree[0]!.children[0]!.children[0]!.item.externalId).toBe("c3");
  });
  it("puts a note right after the message written before it, not after the whole thread", () => {
    const tree = buildCommentTree([
      { externalId: "c1", parentExternalId: null, direction: "in" },
      { externalId: null, parentExternalId: null, direction: "note", text: "checking the courier" },
      { externalId: "r1", parentExternalId: "c1", direction: "out" },
      { externalId: "c2", parentExternalId: "r1", direction: "in" },
      { externalId: null, parentExternalId: null, direction: "note", text: "refund approved" },
    ]);
    expect(tree).toHaveLength(1);
    const [first, reply] = tree[0]!.children;
    expect(first!.item.direction).toBe("note");
    expect(reply!.item.externalId).toBe("r1");
    expect(reply!.children[0]!.item.externalId).toBe("c2");
    expect(reply!.children[0]!.children[0]!.item).toMatchObject({ text: "refund approved" });
  });
});

describe("i18n", () => {
  // Every message in every locale is checked in messages.test.ts.
  it("prefers the stored choice, then the browser language, then English", () => {
    expect(pickLocale("lv", "ru-RU")).toBe("lv");
    expect(pickLocale(null, "pl-PL")).toBe("pl");
    expect(pickLocale(null, "de-DE")).toBe("en");
  });
});

describe("misc", () => {
  it("generates platform-safe secrets", () => {
    expect(generateSecret()).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
