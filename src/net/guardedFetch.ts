import { promises as dns, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { Agent, buildConnector, fetch, type RequestInit, type Response } from "undici";
import { type AllowList, addressProblem, ipLiteralOf } from "./addressPolicy.ts";
import { OutboundAddressError, outboundAllowList } from "./outboundPolicy.ts";

/** Resolves a host name to every address it has; the system resolver unless a test brings its own. */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

function familyOf(option: unknown): 4 | 6 | undefined {
  if (option === 4 || option === "IPv4") return 4;
  if (option === 6 || option === "IPv6") return 6;
  return undefined;
}

/**
 * The lookup the socket itself uses, so the address judged is the address connected to: a name that
 * resolved to a public address when it was saved and to 127.0.0.1 now (DNS rebinding) is refused here.
 * One forbidden address refuses the name, rather than quietly picking the others.
 */
function guardedLookup(resolve: Resolve, allowList: () => AllowList): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (all) => {
        if (all.length === 0 || all.some((a) => addressProblem(a.address, allowList()) !== null)) {
          callback(new OutboundAddressError(hostname), "", 0);
          return;
        }
        const family = familyOf(options.family);
        const addresses = family ? all.filter((a) => a.family === family) : all;
        const first = addresses[0];
        if (!first) {
          callback(
            Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: "ENOTFOUND" }),
            "",
            0,
          );
          return;
        }
        if (options.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, "", 0),
    );
  };
}

/**
 * An undici dispatcher whose every new connection, redirects included, is checked: IP literals before
 * connecting (the socket does not look them up), names through guardedLookup.
 */
export function createGuardedAgent(
  options: { allowList?: () => AllowList; resolve?: Resolve; connectTimeoutMs?: number } = {},
): Agent {
  const allowList = options.allowList ?? outboundAllowList;
  const base = buildConnector({
    lookup: guardedLookup(options.resolve ?? systemResolve, allowList),
    timeout: options.connectTimeoutMs ?? 10_000,
  });
  const connect: buildConnector.connector = (connectOptions, callback) => {
    const literal = ipLiteralOf(connectOptions.hostname);
    if (literal !== null && addressProblem(literal, allowList()) !== null) {
      callback(new OutboundAddressError(connectOptions.hostname), null);
      return;
    }
    base(connectOptions, callback);
  };
  return new Agent({ connect });
}

let shared: { agent: Agent; policy: AllowList } | undefined;

/** fetch for every request Parley makes to an address someone configured (channel APIs, webhooks). */
export function guardedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const policy = outboundAllowList();
  if (shared?.policy !== policy) {
    // A new policy must not ride on kept-alive connections the old one allowed; close() lets requests finish.
    shared?.agent.close().catch(() => {});
    shared = { agent: createGuardedAgent(), policy };
  }
  return fetch(url, { ...init, dispatcher: shared.agent });
}

/** The OutboundAddressError behind a failed fetch (undici wraps connection errors in a TypeError's cause). */
export function refusedAddress(err: unknown): OutboundAddressError | null {
  for (let cause = err, depth = 0; cause && depth < 5; depth++) {
    if (cause instanceof OutboundAddressError) return cause;
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}
