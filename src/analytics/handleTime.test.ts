import { describe, expect, it } from "vitest";
import { handleSeconds } from "./handleTime.ts";

const view = (minute: number) => ({ minute, kind: "view" as const });
const work = (minute: number) => ({ minute, kind: "work" as const });

describe("handle time", () => {
  it("counts every minute of reading and typing", () => {
    expect(handleSeconds([view(0), view(1), work(2), work(3)])).toBe(4 * 60);
  });

  it("caps a case left open without work at five minutes after opening it", () => {
    const lunch = Array.from({ length: 60 }, (_, i) => view(100 + i));
    expect(handleSeconds(lunch)).toBe(5 * 60);
  });

  it("counts again from the last piece of work, and from each reopening of the case", () => {
    const open = Array.from({ length: 30 }, (_, i) => view(i));
    // minutes 0-4 (opening), 20-24 (typed at 20), then opened again at 40-41
    expect(handleSeconds([...open, work(20), view(40), view(41)])).toBe((5 + 5 + 2) * 60);
  });

  it("counts a minute with several signals once", () => {
    expect(handleSeconds([view(5), work(5), view(5)])).toBe(60);
  });
});
