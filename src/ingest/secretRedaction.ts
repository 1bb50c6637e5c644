/**
 * A platform may write a channel's credential into its own bodies: VK puts the Callback API secret key in every
 * event. Stored bodies are shown to admins (GET /api/inbound-problems), and credentials are never shown, so each
 * credential found in a body is replaced before anything is stored.
 */
const REDACTED = "[redacted]";
/** Shorter values are not credentials worth the name, and replacing them would mangle ordinary text. */
const MIN_SECRET_LENGTH = 6;

/** The channel's credentials that occur in `text`. */
export function secretsIn(
  text: string,
  settings: Record<string, unknown>,
  fields: readonly string[],
): string[] {
  return fields
    .map((field) => settings[field])
    .filter((value): value is string => typeof value === "string" && value.length >= MIN_SECRET_LENGTH)
    .filter((secret) => text.includes(secret));
}

export function redactText(text: string, secrets: string[]): string {
  return secrets.reduce((redacted, secret) => redacted.replaceAll(secret, REDACTED), text);
}

export function redactBytes(bytes: Uint8Array, secrets: string[]): Buffer {
  let redacted = Buffer.from(bytes);
  for (const secret of secrets) {
    const needle = Buffer.from(secret, "utf8");
    const parts: Buffer[] = [];
    let from = 0;
    for (let at = redacted.indexOf(needle); at >= 0; at = redacted.indexOf(needle, from)) {
      parts.push(redacted.subarray(from, at), Buffer.from(REDACTED));
      from = at + needle.length;
    }
    parts.push(redacted.subarray(from));
    redacted = Buffer.concat(parts);
  }
  return redacted;
}

/** A copy of a parsed body with the secrets replaced in every string and key. */
export function redactJson(value: unknown, secrets: string[]): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, secrets));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [redactText(key, secrets), redactJson(item, secrets)]),
  );
}
