import { describe, expect, it } from "vitest";
import { neighbourId, SHORTCUTS } from "./shortcutKeys.ts";

describe("inbox shortcuts", () => {
  it("steps through the list and stops at its ends", () => {
    const ids = ["a", "b", "c"];
    expect(neighbourId(ids, "a", 1)).toBe("b");
    expect(neighbourId(ids, "c", 1)).toBe("c");
    expect(neighbourId(ids, "a", -1)).toBe("a");
    expect(neighbourId(ids, "b", -1)).toBe("a");
  });

  it("opens the first conversation when none or a vanished one is open", () => {
    expect(neighbourId(["a", "b"], null, 1)).toBe("a");
    expect(neighbourId(["a", "b"], "gone", -1)).toBe("a");
    expect(neighbourId([], null, 1)).toBeNull();
  });

  it("gives every action exactly one key", () => {
    const actions = SHORTCUTS.map((s) => s.action);
    expect(new Set(actions).size).toBe(actions.length);
    const keys = SHORTCUTS.map((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
