import { describe, expect, it } from "vitest";
import { previewOf } from "./applyInboundEvent.ts";

describe("previewOf", () => {
  it("flattens whitespace and cuts long texts with an ellipsis", () => {
    expect(previewOf("  где\n\nмой   заказ  ", 0)).toBe("где мой заказ");
    const long = previewOf("a".repeat(500), 0);
    expect(long).toHaveLength(160);
    expect(long.endsWith("…")).toBe(true);
  });
  it("describes attachment-only messages", () => {
    expect(previewOf("", 1)).toBe("[1 attachment]");
    expect(previewOf("  ", 3)).toBe("[3 attachments]");
  });
});
