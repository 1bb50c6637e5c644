import { outboundUrlProblem } from "../../net/outboundPolicy.ts";

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/**
 * Why a rule's webhook URL is refused, or null when it is fine: its shape, and an address that is private or
 * local on its face (an IP literal, localhost). Whether a name resolves to a private address can change after
 * saving, so that belongs to the moment of delivery (src/net/guardedFetch.ts).
 */
export function webhookUrlProblem(url: string): string | null {
  if (url.length > MAX_WEBHOOK_URL_LENGTH)
    return `Webhook URL is longer than ${MAX_WEBHOOK_URL_LENGTH} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `Webhook URL ${JSON.stringify(url)} is not a valid URL`;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return `Webhook URL must use http or https, not ${parsed.protocol.slice(0, -1)}`;
  }
  // Credentials in a URL end up in logs, audit entries and the rule editor for every admin to read.
  if (parsed.username !== "" || parsed.password !== "") {
    return "Webhook URL must not contain a user name or password";
  }
  if (parsed.hostname === "") return "Webhook URL needs a host";
  const address = outboundUrlProblem(url);
  return address ? `Webhook URL: ${address}` : null;
}
