import { describe, expect, it } from "vitest";
import { parseAllowList } from "../net/addressPolicy.ts";
import { clientAddress } from "./clientAddress.ts";

describe("clientAddress", () => {
  const proxies = parseAllowList(["10.0.0.0/8"], "PARLEY_TRUSTED_PROXIES");

  it("takes the first untrusted hop from the right when the socket is a trusted proxy", () => {
    expect(clientAddress("10.0.0.5", "203.0.113.7", proxies)).toBe("203.0.113.7");
    expect(clientAddress("10.0.0.5", "198.51.100.1, 203.0.113.7, 10.0.0.9", proxies)).toBe("203.0.113.7");
    expect(clientAddress("::ffff:10.0.0.5", "203.0.113.7", proxies)).toBe("203.0.113.7");
  });

  it("ignores X-Forwarded-For from anyone else, and without trusted proxies", () => {
    expect(clientAddress("198.51.100.1", "203.0.113.7", proxies)).toBe("198.51.100.1");
    expect(clientAddress("10.0.0.5", "203.0.113.7", parseAllowList([]))).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", undefined, proxies)).toBe("10.0.0.5");
  });

  it("keeps the leftmost hop when every hop is trusted", () => {
    expect(clientAddress("10.0.0.5", "10.1.1.1, 10.2.2.2", proxies)).toBe("10.1.1.1");
  });
});
