import { describe, expect, it } from "vitest";
import { addressProblem, ipLiteralOf, parseAllowList } from "./addressPolicy.ts";

describe("addressProblem", () => {
  it("lets public addresses through", () => {
    for (const ip of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"])
      expect(addressProblem(ip), ip).toBeNull();
  });

  it("refuses loopback, private, link-local, the metadata address, multicast and unspecified, v4 and v6", () => {
    const refused: [string, string][] = [
      ["127.0.0.1", "loopback"],
      ["127.8.9.10", "loopback"],
      ["10.1.2.3", "private"],
      ["172.16.0.1", "private"],
      ["192.168.1.1", "private"],
      ["169.254.169.254", "linkLocal"],
      ["100.64.0.1", "carrierGradeNat"],
      ["0.0.0.0", "unspecified"],
      ["224.0.0.1", "multicast"],
      ["255.255.255.255", "broadcast"],
      ["240.0.0.1", "reserved"],
      ["::1", "loopback"],
      ["::", "unspecified"],
      ["fe80::1", "linkLocal"],
      ["fd00::1", "uniqueLocal"],
      ["ff02::1", "multicast"],
      ["fd00:ec2::254", "uniqueLocal"],
    ];
    for (const [ip, range] of refused) expect(addressProblem(ip), ip).toBe(range);
  });

  it("judges IPv4 written inside IPv6 as the IPv4 address it reaches", () => {
    expect(addressProblem("::ffff:127.0.0.1")).toBe("loopback");
    expect(addressProblem("::ffff:7f00:1")).toBe("loopback");
    expect(addressProblem("::ffff:a9fe:a9fe")).toBe("linkLocal");
    expect(addressProblem("64:ff9b::a00:1")).toBe("private");
    expect(addressProblem("64:ff9b::808:808")).toBeNull();
    expect(addressProblem("2002:7f00:1::1")).toBe("loopback");
    // IPv4-compatible (deprecated) and other space outside 2000::/3 is never a public target.
    expect(addressProblem("::7f00:1")).toBe("reserved");
  });

  it("allows exactly the ranges the operator listed", () => {
    const allow = parseAllowList(["127.0.0.2", " 10.0.0.0/8 ", "::1/128", ""]);
    expect(allow.text).toEqual(["127.0.0.2", "10.0.0.0/8", "::1/128"]);
    expect(addressProblem("127.0.0.2", allow)).toBeNull();
    expect(addressProblem("127.0.0.1", allow)).toBe("loopback");
    expect(addressProblem("10.200.0.1", allow)).toBeNull();
    expect(addressProblem("::ffff:10.0.0.1", allow)).toBeNull();
    expect(addressProblem("::1", allow)).toBeNull();
    expect(addressProblem("169.254.169.254", allow)).toBe("linkLocal");
  });

  it("names the entry it cannot read", () => {
    expect(() => parseAllowList(["10.0.0.0/8", "intranet.example"])).toThrow(/"intranet.example"/);
    expect(() => parseAllowList(["10.0.0.0/33"])).toThrow(/10.0.0.0\/33/);
  });
});

describe("ipLiteralOf", () => {
  it("tells literals from names", () => {
    expect(ipLiteralOf("127.0.0.1")).toBe("127.0.0.1");
    expect(ipLiteralOf("[::1]")).toBe("::1");
    expect(ipLiteralOf("::ffff:7f00:1")).toBe("::ffff:7f00:1");
    expect(ipLiteralOf("localhost")).toBeNull();
    expect(ipLiteralOf("hooks.example.com")).toBeNull();
  });
});
