import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * X-Viber-Content-Signature: "HMAC with SHA256 that will use the authentication token as the key and the JSON as
 * the value", in lowercase hex without a prefix (PLATFORMS.md §8.1; Viber's own SDK, message-validator.js). It
 * covers the exact bytes sent: a body decoded and encoded again (a `\u0444` written as `ф`) no longer matches.
 */
export function viberSignature(body: Uint8Array | string, authToken: string): string {
  return createHmac("sha256", authToken).update(body).digest("hex");
}

/** Constant-time comparison of a sent signature with the body's own; upper-case hex is the same signature. */
export function signatureMatches(sent: string, body: Uint8Array | string, authToken: string): boolean {
  const expected = Buffer.from(viberSignature(body, authToken), "utf8");
  const given = Buffer.from(sent.trim().toLowerCase(), "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
