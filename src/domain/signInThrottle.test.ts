import { describe, expect, it } from "vitest";
import {
  delayAfterFailures,
  failuresAfterOneMore,
  THROTTLE_POLICIES,
  throttleKindsFor,
} from "./signInThrottle.ts";

describe("sign-in throttle policy", () => {
  const account = THROTTLE_POLICIES.account_source;
  const source = THROTTLE_POLICIES.source;

  it("lets a few mistakes pass, then doubles the wait with every failure up to a cap", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => delayAfterFailures(n, account))).toEqual([
      0, 0, 0, 5, 10, 20, 40,
    ]);
    expect(delayAfterFailures(12, account)).toBe(900);
    expect(delayAfterFailures(1_000_000, account)).toBe(900);
  });

  it("gives an address shared by a whole office more free failures and a shorter cap", () => {
    expect(delayAfterFailures(20, source)).toBe(0);
    expect(delayAfterFailures(21, source)).toBe(5);
    expect(delayAfterFailures(60, source)).toBe(300);
  });

  it("forgets a key whose last failure is older than its memory", () => {
    const now = new Date("2026-03-01T12:00:00Z");
    const recent = { failures: 7, lastFailureAt: new Date("2026-03-01T11:00:00Z") };
    expect(failuresAfterOneMore(null, now, account)).toBe(1);
    expect(failuresAfterOneMore(recent, now, account)).toBe(8);
    expect(
      failuresAfterOneMore({ ...recent, lastFailureAt: new Date("2026-02-28T11:00:00Z") }, now, account),
    ).toBe(1);
    expect(
      failuresAfterOneMore({ ...recent, lastFailureAt: new Date("2026-03-01T10:30:00Z") }, now, source),
    ).toBe(1);
  });

  it("counts a known device on its own key only, and spares the owner's usual address the shared count", () => {
    expect(throttleKindsFor({ knownDevice: false, knownSource: false })).toEqual([
      "account_source",
      "source",
    ]);
    expect(throttleKindsFor({ knownDevice: false, knownSource: true })).toEqual(["account_source"]);
    expect(throttleKindsFor({ knownDevice: true, knownSource: true })).toEqual(["account_device"]);
  });
});
