import {
  type AllowList,
  addressProblem,
  EMPTY_ALLOW_LIST,
  ipLiteralOf,
  parseAllowList,
} from "./addressPolicy.ts";

/**
 * Which non-public addresses this process may send requests to. One per process, like the sentiment provider:
 * every outgoing call (channel APIs, webhooks) reads it at connection time, and startParley sets it from the
 * configuration and puts the previous one back when it stops. Until then nothing private is allowed.
 */
let active: AllowList = EMPTY_ALLOW_LIST;

export function activateOutboundPolicy(entries: readonly string[]): () => void {
  const previous = active;
  const mine = parseAllowList(entries);
  active = mine;
  return () => {
    // Two Parleys in one process (tests) may stop in any order: only the one still in force is undone.
    if (active === mine) active = previous;
  };
}

export function outboundAllowList(): AllowList {
  return active;
}

/** Thrown when an outgoing request would reach an address that is not public and not allowed. */
export class OutboundAddressError extends Error {
  override readonly name = "OutboundAddressError";
  readonly code = "address_not_allowed";
  constructor(host: string) {
    // The host as the user wrote it, never what it resolved to: the answer must not map the inside network.
    super(`Address not allowed: ${host} is a private, local or reserved address`);
  }
}

/** RFC 6761: "localhost" and its subdomains are loopback whatever DNS says. */
const LOCALHOST = /(^|\.)localhost\.?$/i;

/**
 * The save-time check of a URL Parley will call: refuses IP literals and localhost names outside the
 * allow-list with a clear message. Other names are judged when connecting, since what they resolve to can
 * change after saving (DNS rebinding); that check, in guardedFetch, is the one that holds.
 */
export function outboundUrlProblem(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null; // The shape is the caller's check; this one is about where it points.
  }
  const literal = ipLiteralOf(host);
  const problem = literal
    ? addressProblem(literal, active)
    : LOCALHOST.test(host) && addressProblem("127.0.0.1", active) !== null
      ? "loopback"
      : null;
  if (!problem) return null;
  return `${host} is a private, local or reserved address (${problem}); Parley does not send requests there unless PARLEY_OUTBOUND_ALLOW_PRIVATE allows it`;
}
