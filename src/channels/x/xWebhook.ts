import { createHmac, timingSafeEqual } from "node:crypto";
import type { ChannelContext, WebhookRequest, WebhookVerdict } from "../channelAdapter.ts";
import { parseWebhookJson } from "../webhookJson.ts";
import type { XSettings } from "./xSettings.ts";

/** base64(HMAC-SHA256(consumer secret, message)): the CRC answer and the POST signature use the same scheme. */
export function xSignature(consumerSecret: string, message: string | Uint8Array): string {
  return `sha256=${createHmac("sha256", consumerSecret).update(message).digest("base64")}`;
}

function sameSignature(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Account Activity API door. GET is the Challenge-Response Check: X sends `crc_token` and expects
 * `{"response_token":"sha256=<base64 HMAC-SHA256(consumer secret, crc_token)>"}` back. A POST carries
 * `x-twitter-webhooks-signature` over the exact body bytes with the same key; anything unsigned or forged is
 * refused before it is read. Only DM events are kept: mentions come from the stream or the timeline.
 */
export function receiveXWebhook(request: WebhookRequest, channel: ChannelContext<XSettings>): WebhookVerdict {
  const secret = channel.settings.consumerSecret;
  if (!secret)
    return { kind: "rejected", status: 403, reason: "This X channel takes no webhooks (no consumer secret)" };
  if (request.method === "GET") {
    const token = request.query.crc_token;
    if (!token) return { kind: "rejected", status: 403, reason: "GET without crc_token" };
    return {
      kind: "handshake",
      status: 200,
      body: JSON.stringify({ response_token: xSignature(secret, token) }),
      contentType: "application/json",
    };
  }
  const sent = request.headers["x-twitter-webhooks-signature"];
  if (!sent) return { kind: "rejected", status: 401, reason: "Missing x-twitter-webhooks-signature" };
  const bytes = request.rawBytes ?? Buffer.from(request.rawBody, "utf8");
  if (!sameSignature(sent, xSignature(secret, bytes)))
    return { kind: "rejected", status: 403, reason: "Wrong x-twitter-webhooks-signature" };
  const parsed = parseWebhookJson(request.rawBody);
  if (!parsed.ok) return { kind: "malformed", reason: parsed.reason, rawBody: request.rawBody };
  const body = parsed.value as Record<string, unknown> | null;
  if (typeof body !== "object" || body === null || typeof body.for_user_id !== "string")
    return {
      kind: "malformed",
      reason: "Not an Account Activity event: for_user_id is missing",
      rawBody: request.rawBody,
    };
  const dms = Array.isArray(body.direct_message_events)
    ? (body.direct_message_events as { id?: unknown }[])
    : [];
  // One raw event per DM, each with the users the body names, so every DM stands on its own.
  return {
    kind: "events",
    events: dms
      .filter((dm) => typeof dm.id === "string")
      .map((dm) => ({
        dedupKey: `dm:${dm.id as string}`,
        payload: { for_user_id: body.for_user_id, direct_message_events: [dm], users: body.users ?? {} },
      })),
  };
}
