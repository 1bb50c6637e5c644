import ipaddr from "ipaddr.js";

/**
 * The address a sign-in is counted against. An IPv6 client is its /64: one subscriber usually holds a whole
 * /64, so counting single addresses would give a guesser 2^64 fresh starts. IPv4-mapped IPv6 is the IPv4
 * address; anything unreadable (a request made in-process) is counted as itself.
 */
export function signInSourceOf(ip: string): string {
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    address = ipaddr.process(ip);
  } catch {
    return ip;
  }
  if (address.kind() === "ipv4") return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${parts.join(":")}::/64`;
}
