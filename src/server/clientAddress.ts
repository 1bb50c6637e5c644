import { type AllowList, inList } from "../net/addressPolicy.ts";

/**
 * The address a request came from, for sign-in throttling and the audit log. Behind a load balancer every
 * socket comes from the balancer, which would make one address of the whole world; so when the socket's peer
 * is a trusted proxy (PARLEY_TRUSTED_PROXIES), X-Forwarded-For is read from the right, skipping trusted hops,
 * and the first address not trusted is the client. Anyone else's X-Forwarded-For is ignored: it is theirs to
 * forge.
 */
export function clientAddress(
  socketAddress: string,
  forwardedFor: string | undefined,
  trusted: AllowList,
): string {
  if (!forwardedFor || trusted.ranges.length === 0 || !inList(socketAddress, trusted)) return socketAddress;
  const hops = forwardedFor
    .split(",")
    .map((hop) => hop.trim())
    .filter((hop) => hop !== "");
  let client = socketAddress;
  for (let i = hops.length - 1; i >= 0; i--) {
    client = hops[i]!;
    if (!inList(client, trusted)) break;
  }
  return client;
}
