import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { RawEventInput, WebhookRequest, WebhookVerdict } from "../channelAdapter.ts";
import { describeValue, parseWebhookJson } from "../webhookJson.ts";

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
  const hmac = createHmac("sha256", appSecret);
  if (request.rawBytes) hmac.update(request.rawBytes);
  else hmac.update(request.rawBody, "utf8");
  const expected = `sha256=${hmac.digest("hex")}`;
  return constantTimeEqual(header.toLowerCase(), expected);
}

export interface MetaEnvelope {
  object: string;
  /** As sent: anything may stand where an entry should (splitMetaEnvelope checks each). */
  entry: unknown[];
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
  /** Set when the envelope had the wrong shape here (an entry that is no object...): the item is set aside. */
  problem?: string | undefined;
}

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
const idOf = (value: unknown): string =>
  typeof value === "string" || typeof value === "number" ? String(value) : "";

/**
 * Splits a batched delivery into items: every entry, every change and every messaging event. A part of the
 * wrong shape (an entry or an event that is no object, `changes` that is no list) becomes an item with a
 * `problem`, which the parsers refuse and the door sets aside with the reason, never an exception.
 */
export function splitMetaEnvelope(envelope: MetaEnvelope): MetaItem[] {
  const items: MetaItem[] = [];
  for (const [index, rawEntry] of envelope.entry.entries()) {
    const entry = asObject(rawEntry);
    const entryTime = typeof entry?.time === "number" && Number.isFinite(entry.time) ? entry.time : 0;
    const base = { object: envelope.object, entryId: idOf(entry?.id), entryTime };
    const problem = (what: string, value: unknown): MetaItem => ({
      ...base,
      kind: "change",
      field: "(wrong shape)",
      item: { index, value },
      problem: `Meta webhook entry ${index}: ${what}`,
    });
    if (!entry) {
      items.push(problem(`is ${describeValue(rawEntry)}, not an object`, rawEntry));
      continue;
    }
    const listOf = (name: "changes" | "messaging" | "standby"): Json[] => {
      const list = entry[name];
      if (list === undefined || list === null) return [];
      if (!Array.isArray(list)) {
        items.push(problem(`${name} is ${describeValue(list)}, not a list`, list));
        return [];
      }
      return list.filter((element, position) => {
        if (asObject(element)) return true;
        items.push(problem(`${name}[${position}] is ${describeValue(element)}, not an object`, element));
        return false;
      }) as Json[];
    };
    const change = (field: unknown, value: unknown) => {
      const item = asObject(value ?? {});
      if (typeof field === "string" && item) items.push({ ...base, kind: "change", field, item });
      else items.push(problem(`a change of field ${describeValue(field)} has no object value`, value));
    };
    for (const each of listOf("changes")) change(each.field, each.value);
    if (entry.field !== undefined || entry.value !== undefined) change(entry.field, entry.value);
    for (const event of listOf("messaging")) items.push({ ...base, kind: "messaging", item: event });
    for (const event of listOf("standby")) items.push({ ...base, kind: "standby", item: event });
  }
  return items;
}

/** The dedup key of an item the envelope's shape broke: its content identifies it. */
export function problemDedupKey(item: MetaItem): string {
  return `wrong-shape:${createHash("sha256").update(JSON.stringify(item)).digest("hex").slice(0, 32)}`;
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
  const parsed = parseWebhookJson(request.rawBody);
  if (!parsed.ok) return { kind: "malformed", reason: parsed.reason, rawBody: request.rawBody };
  const envelope = parsed.value as MetaEnvelope;
  if (typeof envelope !== "object" || envelope === null || !Array.isArray(envelope.entry))
    return { kind: "malformed", reason: "Meta webhook without an entry array", rawBody: request.rawBody };
  if (envelope.object !== expectedObject) {
    const object = describeValue(envelope.object);
    const digest = createHash("sha256").update(request.rawBody).digest("hex");
    const setAside: MetaItem = {
      object,
      entryId: "",
      entryTime: 0,
      kind: "change",
      field: `object:${object}`,
      item: {},
    };
    return { kind: "events", events: [{ dedupKey: `object:${object}:${digest}`, payload: setAside }] };
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
