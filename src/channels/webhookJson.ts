/**
 * Deeper than any platform nests a webhook (Meta's deepest payloads are under 10 levels). A deeper body is an
 * attack or garbage: walking or re-serialising it would run out of stack, so it is refused before it is parsed.
 */
export const WEBHOOK_MAX_DEPTH = 64;

export type WebhookJson = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * JSON.parse's reviver with the source text of each primitive (Node 22: "JSON.parse source text access"), so a
 * platform's 64-bit integers can be kept as their digits instead of rounded doubles.
 */
export type SourceReviver = (key: string, value: unknown, context?: { source?: string }) => unknown;

/** Parses a webhook body as JSON no deeper than WEBHOOK_MAX_DEPTH; the reason says why not. */
export function parseWebhookJson(rawBody: string, reviver?: SourceReviver): WebhookJson {
  if (nestsDeeperThan(rawBody, WEBHOOK_MAX_DEPTH))
    return { ok: false, reason: `Body nests deeper than ${WEBHOOK_MAX_DEPTH} levels` };
  try {
    return { ok: true, value: JSON.parse(rawBody, reviver as Parameters<typeof JSON.parse>[1]) };
  } catch {
    return { ok: false, reason: "Body is not JSON" };
  }
}

/** Counts brackets outside strings in one pass, without parsing. */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** A webhook value as text for a reason or a key, whatever it is: an object whose toString is no function too. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (value === undefined) return "undefined";
  return JSON.stringify(value).slice(0, 100);
}
