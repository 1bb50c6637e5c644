import { describe, expect, it } from "vitest";
import { signInSourceOf } from "./signInSource.ts";

describe("signInSourceOf", () => {
  it("counts IPv4 by address, IPv4-mapped IPv6 as IPv4, and IPv6 by its /64", () => {
    expect(signInSourceOf("203.0.113.7")).toBe("203.0.113.7");
    expect(signInSourceOf("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(signInSourceOf("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(signInSourceOf("2001:db8:1:2:bbbb::9")).toBe("2001:db8:1:2::/64");
    expect(signInSourceOf("unknown")).toBe("unknown");
  });
});
