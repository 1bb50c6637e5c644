import { parseWebhookJson, type SourceReviver, type WebhookJson } from "../webhookJson.ts";

/**
 * Viber's `message_token` is a 64-bit integer written as a bare JSON number (4912661846655238145): JSON.parse
 * would round it to the nearest double (…238000), and a `delivered` for one message would then name another.
 * Every token is kept as the digits Viber sent, and so is any other integer past 2^53.
 */
const keepBigIntegers: SourceReviver = (key, value, context) => {
  if (typeof value !== "number" || context?.source === undefined) return value;
  if (!/^-?\d+$/.test(context.source)) return value;
  return key === "message_token" || !Number.isSafeInteger(value) ? context.source : value;
};

/** A Viber callback or API answer, with its 64-bit integers kept whole. */
export function parseViberJson(text: string): WebhookJson {
  return parseWebhookJson(text, keepBigIntegers);
}

/** A token as Parley stores it: the digits, whether it arrived as a string or (in an old payload) a number. */
export function viberToken(value: unknown): string | undefined {
  if (typeof value === "string" && /^-?\d+$/.test(value)) return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  return undefined;
}
