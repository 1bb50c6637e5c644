import { describe, expect, it } from "vitest";
import { retryDelaySeconds } from "./retryPolicy.ts";

describe("retryDelaySeconds", () => {
  it("grows exponentially and is capped at 15 minutes", () => {
    expect(retryDelaySeconds(1)).toBe(2);
    expect(retryDelaySeconds(4)).toBe(16);
    expect(retryDelaySeconds(30)).toBe(900);
  });
  it("waits exactly what the platform asked for when it says so", () => {
    expect(retryDelaySeconds(1, 35)).toBe(35);
    expect(retryDelaySeconds(5, 0)).toBe(1);
  });
  it("spreads retries with jitter between 75% and 125%", () => {
    expect(retryDelaySeconds(3, undefined, 0)).toBe(6);
    expect(retryDelaySeconds(3, undefined, 1)).toBe(10);
  });
});
