import { createHmac, timingSafeEqual } from "node:crypto";

/** The header a mention source signs its body with. */
export const SIGNATURE_HEADER = "x-parley-signature";
/** A signature older (or further ahead) than this is refused, so a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * `X-Parley-Signature: t=<unix seconds>,v1=<hex>` where hex = HMAC-SHA256(secret, "<t>." + body bytes). The time is
 * inside what is signed, so it cannot be changed without the secret (the scheme Stripe and Slack use).
 */
export function mentionSignature(body: Uint8Array | string, secret: string, unixSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${unixSeconds}.`).update(body).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function checkMentionSignature(
  header: string | undefined,
  body: Uint8Array | string,
  secret: string,
  nowSeconds: number,
): SignatureCheck {
  if (!header) return { ok: false, reason: `Missing ${SIGNATURE_HEADER} header` };
  const parts = new Map<string, string[]>();
  for (const piece of header.split(",")) {
    const at = piece.indexOf("=");
    if (at <= 0) continue;
    const key = piece.slice(0, at).trim();
    parts.set(key, [...(parts.get(key) ?? []), piece.slice(at + 1).trim()]);
  }
  const t = parts.get("t")?.[0];
  if (!t || !/^\d{1,12}$/.test(t))
    return { ok: false, reason: `${SIGNATURE_HEADER} has no t=<unix seconds>` };
  const signed = Number(t);
  if (Math.abs(nowSeconds - signed) > SIGNATURE_TOLERANCE_SECONDS)
    return {
      ok: false,
      reason: `The signature's time is more than ${SIGNATURE_TOLERANCE_SECONDS} s from now (a replay, or a wrong clock)`,
    };
  const expected = Buffer.from(mentionSignature(body, secret, signed).split("v1=")[1]!, "utf8");
  // Several v1 values are allowed, so a source can sign with the old and the new secret while they rotate.
  const matches = (parts.get("v1") ?? []).some((given) => {
    const bytes = Buffer.from(given.toLowerCase(), "utf8");
    return bytes.length === expected.length && timingSafeEqual(bytes, expected);
  });
  return matches ? { ok: true } : { ok: false, reason: "The signature does not match the body" };
}
