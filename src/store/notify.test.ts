import { describe, expect, it } from "vitest";
import type { ChangeNotice } from "../domain/changeNotice.ts";
import { packedPayloads } from "./notify.ts";

const notice = (i: number): ChangeNotice => ({
  workspaceId: "00000000-0000-4000-8000-000000000001",
  type: "message.created",
  conversationId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  messageId: `10000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
});

describe("packedPayloads", () => {
  it("sends nothing for no notices", () => {
    expect(packedPayloads([])).toEqual([]);
  });

  it("packs notices into JSON arrays below PostgreSQL's payload limit, keeping every notice once and in order", () => {
    const notices = Array.from({ length: 200 }, (_, i) => notice(i));
    const payloads = packedPayloads(notices);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8000);
    expect(payloads.flatMap((payload) => JSON.parse(payload) as ChangeNotice[])).toEqual(notices);
  });
});
