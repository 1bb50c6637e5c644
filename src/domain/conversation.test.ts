import { describe, expect, it } from "vitest";
import { statusAfterInbound, statusAfterReply } from "./conversation.ts";

describe("conversation lifecycle", () => {
  it("reopens a resolved or pending conversation when the customer writes again", () => {
    expect(statusAfterInbound("resolved")).toBe("open");
    expect(statusAfterInbound("pending")).toBe("open");
    expect(statusAfterInbound("new")).toBe("new");
  });
  it("moves a new conversation to open on the first reply but never reopens a resolved one", () => {
    expect(statusAfterReply("new")).toBe("open");
    expect(statusAfterReply("resolved")).toBe("resolved");
  });
});
