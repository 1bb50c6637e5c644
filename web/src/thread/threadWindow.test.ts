import { describe, expect, it } from "vitest";
import {
  MAX_DEPTH,
  type ThreadWindow,
  threadRows,
  withMessage,
  withNewestPage,
  withOlderPage,
} from "./threadWindow.ts";

interface M {
  id: string;
  externalId: string | null;
  parentExternalId: string | null;
  direction?: string;
  text?: string;
}

const m = (id: string, extra: Partial<M> = {}): M => ({
  id,
  externalId: id,
  parentExternalId: null,
  ...extra,
});
const ids = (window: ThreadWindow<M>) => window.items.map((x) => x.id);

describe("withNewestPage", () => {
  it("starts from the first page", () => {
    expect(withNewestPage(null, { items: [m("3"), m("4")], olderCursor: "3", total: 4 })).toEqual({
      items: [m("3"), m("4")],
      olderCursor: "3",
      total: 4,
    });
  });
  it("lays the page over what is loaded, keeping older messages and taking the new and changed ones", () => {
    const window = { items: [m("1"), m("2"), m("3"), m("4")], olderCursor: "1", total: 6 };
    const page = { items: [m("3", { text: "edited" }), m("4"), m("5")], olderCursor: "3", total: 7 };
    const merged = withNewestPage(window, page);
    expect(ids(merged)).toEqual(["1", "2", "3", "4", "5"]);
    expect(merged.items[2]?.text).toBe("edited");
    expect(merged.olderCursor).toBe("1");
    expect(merged.total).toBe(7);
  });
  it("starts again from the page when it does not reach back to anything loaded", () => {
    const window = { items: [m("1"), m("2")], olderCursor: null, total: 2 };
    const merged = withNewestPage(window, { items: [m("8"), m("9")], olderCursor: "8", total: 9 });
    expect(ids(merged)).toEqual(["8", "9"]);
    expect(merged.olderCursor).toBe("8");
  });
});

describe("withOlderPage", () => {
  const window = { items: [m("3"), m("4")], olderCursor: "3", total: 4 };
  it("puts the older page in front and moves the cursor", () => {
    const merged = withOlderPage(window, "3", { items: [m("1"), m("2")], olderCursor: null, total: 4 });
    expect(ids(merged)).toEqual(["1", "2", "3", "4"]);
    expect(merged.olderCursor).toBeNull();
  });
  it("ignores a page asked for a window that has since started again", () => {
    expect(withOlderPage(window, "1", { items: [m("0")], olderCursor: null, total: 4 })).toBe(window);
  });
});

describe("withMessage", () => {
  it("replaces a loaded copy, or adds a sent reply at the end", () => {
    const window = { items: [m("1"), m("2")], olderCursor: null, total: 2 };
    expect(withMessage(window, m("1", { text: "new" })).items[0]?.text).toBe("new");
    const added = withMessage(window, m("3"));
    expect(ids(added)).toEqual(["1", "2", "3"]);
    expect(added.total).toBe(3);
  });
});

describe("threadRows", () => {
  it("draws a chat as it is, and the post only when asked", () => {
    expect(threadRows([m("1"), m("2")], { tree: false, post: false }).map((r) => r.key)).toEqual(["1", "2"]);
    expect(threadRows([m("1")], { tree: false, post: true }).map((r) => r.key)).toEqual(["post", "1"]);
  });
  it("walks a comment tree depth-first, replies indented under their parent, notes under the message before", () => {
    const rows = threadRows(
      [
        m("a"),
        m("b", { parentExternalId: "a" }),
        m("c"),
        m("note", { externalId: null, direction: "note" }),
        m("d", { parentExternalId: "b" }),
      ],
      { tree: true, post: false },
    );
    expect(rows.map((r) => [r.key, r.depth])).toEqual([
      ["a", 0],
      ["b", 1],
      ["d", 2],
      ["c", 0],
      ["note", 1],
    ]);
  });
  it("stops indenting past the deepest level", () => {
    const chain = Array.from({ length: 10 }, (_, i) =>
      m(`c${i}`, { parentExternalId: i > 0 ? `c${i - 1}` : null }),
    );
    const rows = threadRows(chain, { tree: true, post: false });
    expect(Math.max(...rows.map((r) => r.depth))).toBe(MAX_DEPTH);
  });
});
