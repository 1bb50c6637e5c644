/**
 * How failed sign-ins slow the guesser down without refusing the owner. Failures are counted per key:
 *
 * - `account_source`: one e-mail from one address. Guessing someone's password from elsewhere never slows
 *   them down at their own address: there is deliberately no key for an account alone, which is what let
 *   anyone lock the admin out.
 * - `account_device`: one e-mail on a browser that signed in to it before (the device cookie). It replaces
 *   both other keys, so a known device is never slowed by anyone else's failures, only by its own.
 * - `source`: one address for every account, against spraying many accounts. Skipped for a known device and
 *   for the account's own usual address, so a colleague's office NAT does not lock them out.
 *
 * After a key's free failures each further failure doubles the wait before its next attempt, up to a cap;
 * an attempt during the wait is refused unheard (the password is not even checked) with Retry-After.
 */
export type ThrottleKind = "account_source" | "account_device" | "source";

export interface ThrottlePolicy {
  /** Failures answered without any wait. */
  freeFailures: number;
  /** The wait after the first failure past the free ones; it doubles with each further failure. */
  baseSeconds: number;
  maxSeconds: number;
  /** A key whose last failure is older than this starts counting again from zero. */
  forgetAfterSeconds: number;
}

export const THROTTLE_POLICIES: Record<ThrottleKind, ThrottlePolicy> = {
  // 3 free, then 5 s, 10 s, 20 s … 15 min: about 100 guesses a day per account and address at most.
  account_source: { freeFailures: 3, baseSeconds: 5, maxSeconds: 15 * 60, forgetAfterSeconds: 24 * 3600 },
  account_device: { freeFailures: 3, baseSeconds: 5, maxSeconds: 15 * 60, forgetAfterSeconds: 24 * 3600 },
  // An address may be a whole office behind one NAT: more free failures, a shorter cap and memory.
  source: { freeFailures: 20, baseSeconds: 5, maxSeconds: 5 * 60, forgetAfterSeconds: 3600 },
};

/** Seconds the key must wait after its `failures`-th failure before it may try again. */
export function delayAfterFailures(failures: number, policy: ThrottlePolicy): number {
  const past = failures - policy.freeFailures;
  if (past <= 0) return 0;
  // Capped before exponentiating, so a key with a million failures does not compute 2^1000000.
  return Math.min(policy.baseSeconds * 2 ** Math.min(past - 1, 30), policy.maxSeconds);
}

/** The failure count after one more failure, starting afresh when the last one is forgotten. */
export function failuresAfterOneMore(
  previous: { failures: number; lastFailureAt: Date } | null,
  now: Date,
  policy: ThrottlePolicy,
): number {
  if (!previous) return 1;
  const quietSeconds = (now.getTime() - previous.lastFailureAt.getTime()) / 1000;
  return quietSeconds > policy.forgetAfterSeconds ? 1 : previous.failures + 1;
}

export interface AttemptKeys {
  /** The account's own device cookie was presented. */
  knownDevice: boolean;
  /** The account signed in from this address before (recently). */
  knownSource: boolean;
}

/** Which kinds of key an attempt is counted on (see the module comment). */
export function throttleKindsFor({ knownDevice, knownSource }: AttemptKeys): ThrottleKind[] {
  if (knownDevice) return ["account_device"];
  return knownSource ? ["account_source"] : ["account_source", "source"];
}
