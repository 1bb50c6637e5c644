import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { RawEventInput, WebhookRequest, WebhookVerdict } from "../channelAdapter.ts";

/**
 * What every Meta product (Pages, Messenger, Instagram, WhatsApp) shares at the webhook door
 * (https://developers.facebook.com/docs/graph-api/webhooks/getting-started): the GET verification handshake
 * and the X-Hub-Signature-256 HMAC of the raw body with the app secret.
 */
export interface MetaAppSettings {
  appSecret: string;
  verifyToken: string;
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Answers `hub.mode=subscribe` with the challenge when the verify token matches (PHP-style `hub_mode` too). */
export function metaHandshake(request: WebhookRequest, settings: MetaAppSettings): WebhookVerdict {
  const q = (name: string) => request.query[`hub.${name}`] ?? request.query[`hub_${name}`];
  if (q("mode") !== "subscribe" || q("challenge") === undefined) {
    return { kind: "rejected", status: 403, reason: "Not a Meta verification request" };
  }
  if (!constantTimeEqual(q("verify_token") ?? "", settings.verifyToken)) {
    return { kind: "rejected", status: 403, reason: "Wrong hub.verify_token" };
  }
  return { kind: "handshake", status: 200, body: q("challenge")! };
}

/** Checks `X-Hub-Signature-256: sha256=<hex>` over the exact bytes received, before the body is parsed. */
export function metaSignatureValid(request: WebhookRequest, appSecret: string): boolean | "missing" {
  const header = request.headers["x-hub-signature-256"];
  if (!header) return "missing";
  const expected = `sha256=${createHmac("sha256", appSecret).update(request.rawBody, "utf8").digest("hex")}`;
  return constantTimeEqual(header.toLowerCase(), expected);
}

export interface MetaEnvelope {
  object: string;
  entry: MetaEntry[];
}

export interface MetaEntry {
  id: string;
  time: number;
  changes?: { field: string; value: Record<string, unknown> }[];
  messaging?: Record<string, unknown>[];
  standby?: Record<string, unknown>[];
  /** Instagram Login webhooks put one change flat on the entry. */
  field?: string;
  value?: Record<string, unknown>;
}

/** One item of a batched delivery, kept with the entry it came in, so each becomes its own raw event. */
export interface MetaItem {
  object: string;
  entryId: string;
  entryTime: number;
  kind: "change" | "messaging" | "standby";
  field?: string | undefined;
  item: Record<string, unknown>;
}

/** Splits a batched delivery into items: every entry, every change and every messaging event. */
export function splitMetaEnvelope(envelope: MetaEnvelope): MetaItem[] {
  const items: MetaItem[] = [];
  for (const entry of envelope.entry) {
    const base = { object: envelope.object, entryId: String(entry.id), entryTime: entry.time };
    for (const change of entry.changes ?? [])
      items.push({ ...base, kind: "change", field: change.field, item: change.value ?? {} });
    if (entry.field && entry.value)
      items.push({ ...base, kind: "change", field: entry.field, item: entry.value });
    for (const event of entry.messaging ?? []) items.push({ ...base, kind: "messaging", item: event });
    for (const event of entry.standby ?? []) items.push({ ...base, kind: "standby", item: event });
  }
  return items;
}

export function signMetaBody(body: string, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body, "utf8").digest("hex")}`;
}

/**
 * The whole Meta webhook door for one product: GET handshake, signature over the raw body, JSON, then `cut` the
 * envelope into raw events. A delivery for another `object` is authentic but not this product's: Meta disables
 * callbacks that keep failing, so it is kept as one raw event that parses as an unknown kind and is set aside.
 */
export function receiveMetaWebhook(
  request: WebhookRequest,
  settings: MetaAppSettings,
  expectedObject: string,
  cut: (envelope: MetaEnvelope) => RawEventInput[],
): WebhookVerdict {
  if (request.method === "GET") return metaHandshake(request, settings);
  const signature = metaSignatureValid(request, settings.appSecret);
  if (signature === "missing")
    return { kind: "rejected", status: 401, reason: "Missing X-Hub-Signature-256 header" };
  if (!signature)
    return { kind: "rejected", status: 403, reason: "X-Hub-Signature-256 does not match the app secret" };
  let envelope: MetaEnvelope;
  try {
    envelope = JSON.parse(request.rawBody) as MetaEnvelope;
  } catch {
    return { kind: "malformed", reason: "Body is not JSON", rawBody: request.rawBody };
  }
  if (typeof envelope !== "object" || envelope === null || !Array.isArray(envelope.entry))
    return { kind: "malformed", reason: "Meta webhook without an entry array", rawBody: request.rawBody };
  if (envelope.object !== expectedObject) {
    const digest = createHash("sha256").update(request.rawBody).digest("hex");
    const setAside: MetaItem = {
      object: String(envelope.object),
      entryId: "",
      entryTime: 0,
      kind: "change",
      field: `object:${envelope.object}`,
      item: {},
    };
    return {
      kind: "events",
      events: [{ dedupKey: `object:${envelope.object}:${digest}`, payload: setAside }],
    };
  }
  return { kind: "events", events: cut(envelope) };
}

/** The simulator's side of the door: a webhook signed with the app secret, as Meta sends it. */
export async function deliverSignedMetaWebhook(
  webhookUrl: string,
  appSecret: string,
  body: Record<string, unknown>,
): Promise<{ status: number; payload: unknown }> {
  const raw = JSON.stringify(body);
  const res = await fetch(webhookUrl, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, appSecret) },
    body: raw,
  });
  await res.arrayBuffer();
  return { status: res.status, payload: body };
}
