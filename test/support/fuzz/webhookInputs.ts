import fc from "fast-check";
import type { Platform } from "../../../src/domain/platform.ts";
import { DOOR_ACCOUNTS, type Knock, type WebhookDoor } from "../webhookDoors.ts";
import {
  type ByteMutation,
  byteMutation,
  hostileJson,
  hostileString,
  type JsonMutation,
  jsonMutation,
  mutateBytes,
  mutateJson,
} from "./hostileValues.ts";

/**
 * One knock on a webhook door, described as data (so fast-check can generate and print it) and built into bytes
 * only when sent: a huge body is never held by the generator.
 */
export interface WebhookInput {
  kind: "webhook";
  door: number;
  body: BodySpec;
  /** Authentic (`signed`) or forged in one of the door's ways. */
  credential: { signed: true } | { signed: false; variant: number };
  method: "POST" | "GET" | "PUT";
  query: Record<string, string>;
  /** Where to knock: the door itself, or a URL that names the wrong platform or no channel. */
  address: "door" | "wrong_platform" | "unknown_channel" | "not_a_uuid";
}

export type BodySpec =
  | { from: "recorded"; index: number; fresh: number; json: JsonMutation[]; bytes: ByteMutation[] }
  | { from: "shape"; template: number; fresh: number; holes: unknown[] }
  | { from: "json"; value: unknown }
  | { from: "bytes"; bytes: number[] }
  | { from: "empty" }
  /** A recorded body padded with JSON whitespace to `size` bytes (over or under the 5 MB limit). */
  | { from: "huge"; index: number; size: number };

const META_OBJECT: Partial<Record<Platform, string>> = {
  facebook: "page",
  instagram: "instagram",
  whatsapp: "whatsapp_business_account",
};
const META_ACCOUNT: Partial<Record<Platform, string>> = {
  facebook: DOOR_ACCOUNTS.facebookPageId,
  instagram: DOOR_ACCOUNTS.instagramAccountId,
  whatsapp: DOOR_ACCOUNTS.whatsappBusinessAccountId,
};

type Template = (fresh: number, holes: unknown[]) => unknown;

/** Envelopes of the right outline with holes where fast-check puts hostile values. */
function templatesFor(platform: Platform): Template[] {
  if (platform === "telegram")
    return [
      (fresh, [a]) => ({ update_id: fresh, message: a }),
      (fresh, [a, b, c, d]) => ({
        update_id: fresh,
        message: { message_id: fresh, date: d, chat: a, from: b, text: c },
      }),
      (fresh, [a, b]) => ({
        update_id: fresh,
        message: {
          message_id: fresh,
          date: 1764000000,
          chat: { id: 5, type: a },
          from: { id: 5, is_bot: false, first_name: b },
          text: "hi",
        },
      }),
      (fresh, [a, b]) => ({ update_id: fresh, callback_query: { id: a, from: { id: 5 }, data: b } }),
      (fresh, [a]) => ({ update_id: fresh, edited_message: a }),
      (_, [a, b]) => ({ update_id: a, message: b }),
    ];
  if (platform === "vk")
    return [
      (fresh, [a, b]) => ({ type: a, object: b, event_id: `fuzz-${fresh}` }),
      (fresh, [a]) => ({ type: "message_new", object: { message: a }, event_id: `fuzz-${fresh}` }),
      (fresh, [a, b, c]) => ({
        type: "message_new",
        event_id: `fuzz-${fresh}`,
        object: { message: { id: fresh, date: a, from_id: b, peer_id: b, text: c, out: 0 } },
      }),
      (fresh, [a, b]) => ({
        type: "wall_reply_new",
        object: { id: fresh, post_id: a, from_id: b, text: "x" },
      }),
      (_, [a, b]) => ({ type: "message_new", object: {}, event_id: a, v: b }),
    ];
  if (platform === "viber") {
    const at = 1764000000000;
    return [
      (fresh, [a, b]) => ({ event: a, timestamp: at, message_token: fresh, user_id: b }),
      (fresh, [a, b, c]) => ({
        event: "message",
        timestamp: at,
        message_token: fresh,
        sender: a,
        message: { type: b, text: c },
      }),
      (fresh, [a, b]) => ({
        event: "message",
        timestamp: a,
        message_token: fresh,
        sender: { id: "fuzz0000000000000000000==", name: b },
        message: { type: "text", text: "hi" },
      }),
      (fresh, [a, b]) => ({
        event: "message",
        timestamp: at,
        message_token: fresh,
        sender: { id: a },
        message: b,
      }),
      (fresh, [a]) => ({ event: "subscribed", timestamp: at, message_token: fresh, user: a }),
      (fresh, [a, b]) => ({
        event: "conversation_started",
        timestamp: at,
        message_token: fresh,
        user: a,
        subscribed: b,
      }),
      (_, [a, b]) => ({ event: "delivered", timestamp: at, message_token: a, user_id: b }),
    ];
  }
  const object = META_OBJECT[platform]!;
  const id = META_ACCOUNT[platform]!;
  const common: Template[] = [
    (_, [a]) => ({ object, entry: a }),
    (_, [a, b]) => ({ object, entry: [a, b] }),
    (_, [a, b]) => ({ object, entry: [{ id, time: a, changes: b }] }),
    (_, [a, b]) => ({ object, entry: [{ id, time: 1764000000, changes: [{ field: a, value: b }] }] }),
    (_, [a, b]) => ({ object, entry: [{ id, time: 1764000000, messaging: [a, b] }] }),
    (_, [a, b]) => ({ object, entry: [{ id: a, time: 1764000000, field: b, value: {} }] }),
    (_, [a]) => ({ object: a, entry: [] }),
  ];
  if (platform === "whatsapp")
    return [
      ...common,
      (fresh, [a, b, c]) => ({
        object,
        entry: [
          {
            id,
            changes: [
              {
                field: "messages",
                value: {
                  metadata: { phone_number_id: DOOR_ACCOUNTS.whatsappPhoneNumberId },
                  contacts: a,
                  messages: [{ id: `wamid.fuzz${fresh}`, from: "37120000001", type: b, text: c }],
                },
              },
            ],
          },
        ],
      }),
      (_, [a, b]) => ({
        object,
        entry: [{ id, changes: [{ field: "messages", value: { metadata: a, statuses: [b] } }] }],
      }),
    ];
  return [
    ...common,
    (fresh, [a, b, c]) => ({
      object,
      entry: [
        {
          id,
          time: 1764000000,
          messaging: [
            { sender: a, recipient: { id }, timestamp: b, message: { mid: `m_fuzz${fresh}`, text: c } },
          ],
        },
      ],
    }),
    (fresh, [a, b]) => ({
      object,
      entry: [
        {
          id,
          time: 1764000000,
          changes: [
            {
              field: platform === "facebook" ? "feed" : "comments",
              value: {
                item: "comment",
                verb: a,
                comment_id: `c_${fresh}`,
                id: `c_${fresh}`,
                message: b,
                text: b,
              },
            },
          ],
        },
      ],
    }),
  ];
}

export function webhookInputArbitrary(doors: WebhookDoor[]): fc.Arbitrary<WebhookInput> {
  const templateCount = Math.max(...doors.map((door) => templatesFor(door.platform).length));
  const body: fc.Arbitrary<BodySpec> = fc.oneof(
    {
      weight: 60,
      arbitrary: fc.record({
        from: fc.constant("recorded" as const),
        index: fc.nat(),
        fresh: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        json: fc.array(jsonMutation, { maxLength: 3 }),
        bytes: fc.oneof(
          { weight: 4, arbitrary: fc.constant<ByteMutation[]>([]) },
          fc.array(byteMutation, { maxLength: 2 }),
        ),
      }),
    },
    {
      weight: 50,
      arbitrary: fc.record({
        from: fc.constant("shape" as const),
        template: fc.nat({ max: templateCount - 1 }),
        fresh: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        holes: fc.array(hostileJson, { minLength: 4, maxLength: 4 }),
      }),
    },
    { weight: 10, arbitrary: fc.record({ from: fc.constant("json" as const), value: hostileJson }) },
    {
      weight: 10,
      arbitrary: fc.record({
        from: fc.constant("bytes" as const),
        bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 200 }),
      }),
    },
    { weight: 5, arbitrary: fc.constant({ from: "empty" as const }) },
    {
      // Rare: each costs megabytes on the wire.
      weight: 1,
      arbitrary: fc.record({
        from: fc.constant("huge" as const),
        index: fc.nat(),
        size: fc.constantFrom(4 * 1024 * 1024, 5 * 1024 * 1024 + 1, 12 * 1024 * 1024),
      }),
    },
  );
  return fc
    .record({
      kind: fc.constant("webhook" as const),
      door: fc.nat({ max: doors.length - 1 }),
      body,
      credential: fc.oneof(
        { weight: 3, arbitrary: fc.constant({ signed: true as const }) },
        { weight: 2, arbitrary: fc.record({ signed: fc.constant(false as const), variant: fc.nat() }) },
      ),
      method: fc.oneof(
        { weight: 12, arbitrary: fc.constant("POST" as const) },
        fc.constantFrom("GET" as const, "PUT" as const),
      ),
      query: fc.oneof(
        { weight: 4, arbitrary: fc.constant({}) },
        fc.dictionary(
          fc.constantFrom("hub.mode", "hub.challenge", "hub.verify_token", "hub_mode", "x"),
          hostileString,
          {
            maxKeys: 3,
          },
        ),
      ),
      address: fc.oneof(
        { weight: 20, arbitrary: fc.constant("door" as const) },
        fc.constantFrom("wrong_platform" as const, "unknown_channel" as const, "not_a_uuid" as const),
      ),
    })
    .filter((input) => input.body.from !== "huge" || input.method === "POST");
}

/** The bytes of a body as the input describes it; null for the rare value JSON cannot write. */
export function webhookBody(door: WebhookDoor, spec: BodySpec): Buffer | null {
  try {
    return bodyBytes(door, spec);
  } catch {
    return null;
  }
}

function bodyBytes(door: WebhookDoor, spec: BodySpec): Buffer {
  switch (spec.from) {
    case "recorded": {
      const recorded = JSON.parse(door.recorded[spec.index % door.recorded.length]!);
      const fresh = freshen(door.platform, recorded, spec.fresh);
      const mutated = spec.json.length > 0 ? mutateJson(fresh, spec.json) : fresh;
      return mutateBytes(Buffer.from(JSON.stringify(mutated) ?? "", "utf8"), spec.bytes);
    }
    case "shape": {
      const templates = templatesFor(door.platform);
      const template = templates[spec.template % templates.length]!;
      return Buffer.from(JSON.stringify(template(spec.fresh, spec.holes)) ?? "", "utf8");
    }
    case "json":
      return Buffer.from(JSON.stringify(spec.value) ?? "", "utf8");
    case "bytes":
      return Buffer.from(spec.bytes);
    case "empty":
      return Buffer.alloc(0);
    case "huge": {
      const recorded = Buffer.from(door.recorded[spec.index % door.recorded.length]!, "utf8");
      return Buffer.concat([recorded, Buffer.alloc(Math.max(0, spec.size - recorded.length), 0x20)]);
    }
  }
}

/** Gives a recorded update a new id, so it is stored and processed instead of being a duplicate. */
function freshen(platform: Platform, document: Record<string, unknown>, fresh: number): unknown {
  if (platform === "telegram") return { ...document, update_id: fresh };
  if (platform === "vk" && document.type !== "confirmation")
    return { ...document, event_id: `fuzz-${fresh}` };
  if (platform === "viber" && document.event !== "webhook") return { ...document, message_token: fresh };
  return document;
}

export interface WebhookRequestPlan {
  url: string;
  method: string;
  knock: Knock;
  forged: boolean;
}

/** Where and how to send the input. */
export function planWebhookRequest(doors: WebhookDoor[], input: WebhookInput): WebhookRequestPlan | null {
  const door = doors[input.door % doors.length]!;
  const bytes = webhookBody(door, input.body);
  if (!bytes) return null;
  const knock = input.credential.signed ? door.signed(bytes) : door.forged(bytes, input.credential.variant);
  const url = new URL(door.webhookUrl);
  if (input.address === "wrong_platform") {
    const other = doors[(input.door + 1) % doors.length]!;
    url.pathname = url.pathname.replace(`/${door.platform}/`, `/${other.platform}/`);
  } else if (input.address === "unknown_channel")
    url.pathname = url.pathname.replace(door.channelId, "00000000-0000-4000-8000-000000000000");
  else if (input.address === "not_a_uuid") url.pathname = url.pathname.replace(door.channelId, "..%2F..%00");
  for (const [key, value] of Object.entries(input.query)) url.searchParams.set(key, value);
  return { url: url.toString(), method: input.method, knock, forged: !input.credential.signed };
}
