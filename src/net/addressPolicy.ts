import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

/** Ranges an operator allowed outgoing requests to reach although they are not public (PARLEY_OUTBOUND_ALLOW_PRIVATE). */
export interface AllowList {
  readonly ranges: readonly Range[];
  /** The ranges as written, for messages and logs. */
  readonly text: readonly string[];
}

export const EMPTY_ALLOW_LIST: AllowList = { ranges: [], text: [] };

/** Global unicast IPv6 is 2000::/3; everything outside it is special even where ipaddr.js calls it "unicast". */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3") as [ipaddr.IPv6, number];

/**
 * Parses "10.0.0.0/8, 127.0.0.1, ::1/128": CIDR ranges or single addresses. A typo stops the start with the
 * entry named, rather than silently allowing nothing (or too much).
 */
export function parseAllowList(
  entries: readonly string[],
  setting = "PARLEY_OUTBOUND_ALLOW_PRIVATE",
): AllowList {
  const ranges: Range[] = [];
  const text: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === "") continue;
    let range: Range;
    try {
      range = entry.includes("/")
        ? ipaddr.parseCIDR(entry)
        : ((address) => [address, address.kind() === "ipv4" ? 32 : 128] as Range)(ipaddr.parse(entry));
    } catch {
      throw new Error(`${setting}: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8)`);
    }
    ranges.push(range);
    text.push(entry);
  }
  return { ranges, text };
}

function allowed(address: Address, allow: AllowList): boolean {
  return allow.ranges.some(([base, bits]) => base.kind() === address.kind() && address.match(base, bits));
}

/** True when `ip` (IPv4-mapped IPv6 as its IPv4) is inside one of the list's ranges. */
export function inList(ip: string, list: AllowList): boolean {
  try {
    return allowed(ipaddr.process(ip), list);
  } catch {
    return false;
  }
}

/** The IPv4 address inside a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address, which is where packets go. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const range = address.range();
  const bytes = address.toByteArray();
  if (range === "rfc6052" && address.match(ipaddr.parseCIDR("64:ff9b::/96") as [ipaddr.IPv6, number]))
    return new ipaddr.IPv4(bytes.slice(12, 16));
  if (range === "6to4") return new ipaddr.IPv4(bytes.slice(2, 6));
  return null;
}

/**
 * Why an outgoing connection to `ip` is refused, or null when it may go: the range's name (loopback,
 * private, linkLocal, uniqueLocal, multicast, unspecified, reserved…) unless the allow-list covers it.
 * IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it stands for.
 */
export function addressProblem(ip: string, allow: AllowList = EMPTY_ALLOW_LIST): string | null {
  let address: Address;
  try {
    address = ipaddr.process(ip);
  } catch {
    return "invalid";
  }
  if (allowed(address, allow)) return null;
  if (address.kind() === "ipv4") {
    const range = address.range();
    return range === "unicast" ? null : range;
  }
  const v6 = address as ipaddr.IPv6;
  const inner = embeddedIPv4(v6);
  if (inner) return addressProblem(inner.toString(), allow);
  const range = v6.range();
  if (range !== "unicast") return range;
  return v6.match(GLOBAL_UNICAST_V6) ? null : "reserved";
}

/** The address in an IP-literal host (brackets allowed), or null for a name that DNS must resolve. */
export function ipLiteralOf(host: string): string | null {
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  return isIP(bare) === 0 ? null : bare;
}
