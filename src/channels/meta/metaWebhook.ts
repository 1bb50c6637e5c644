import { createHmac, timingSafeEqual } from "node:crypto";
import type { WebhookRequest, WebhookVerdict } from "../channelAdapter.ts";

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
