import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundDeliveryStatus, InboundEvent, InboundMessage } from "../../domain/inboundEvent.ts";
import { listenHttp } from "../../server/listen.ts";
import { SimulatorState } from "../../simulator/simulatorState.ts";
import {
  type ChannelContext,
  type OutboundReply,
  type RawEventInput,
  UnparseableEventError,
  type WebhookVerdict,
} from "../channelAdapter.ts";
import { mountGraphApi } from "../meta/fakeGraphApi.ts";
import { signMetaBody } from "../meta/metaWebhook.ts";
import { createWhatsappFake } from "./fakeWhatsappApi.ts";
import { type WhatsappSettings, whatsappAdapter } from "./whatsappAdapter.ts";

const SECRET = "meta-app-secret";
const NUMBER = "106540352242922";
const WABA = "102290129340398";
const TOKEN = "wa-system-user-token";
const channel = (
  apiBaseUrl = "http://127.0.0.1:9",
  accessToken = TOKEN,
): ChannelContext<WhatsappSettings> => ({
  id: "c1",
  workspaceId: "w1",
  platform: "whatsapp",
  apiBaseUrl,
  settings: {
    appId: "1234567890",
    appSecret: SECRET,
    verifyToken: "meta-verify-token",
    accountId: NUMBER,
    businessAccountId: WABA,
    accessToken,
    apiVersion: "v25.0",
  },
});
const raw = (name: string) =>
  JSON.stringify(JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")));
const receive = (body: string, signature: string | null = signMetaBody(body, SECRET)): WebhookVerdict =>
  whatsappAdapter.receiveWebhook(
    {
      method: "POST",
      query: {},
      rawBody: body,
      headers: signature ? { "x-hub-signature-256": signature } : {},
    },
    channel(),
  );
const eventsOf = (name: string): RawEventInput[] => {
  const verdict = receive(raw(name));
  if (verdict.kind !== "events") throw new Error(`expected events, got ${verdict.kind}`);
  return verdict.events;
};
const parse = (event: RawEventInput): InboundEvent[] => whatsappAdapter.parse(event.payload, channel());
const parsed = (name: string): InboundEvent[] => eventsOf(name).flatMap(parse);

describe("WhatsApp webhook door", () => {
  it("verifies X-Hub-Signature-256 over the raw body", () => {
    const body = raw("messages_all_types");
    expect(receive(body).kind).toBe("events");
    expect(receive(body, null)).toMatchObject({ kind: "rejected", status: 401 });
    expect(receive(body, signMetaBody(`${body} `, SECRET))).toMatchObject({ kind: "rejected", status: 403 });
    expect(receive(body, signMetaBody(body, "other-secret"))).toMatchObject({
      kind: "rejected",
      status: 403,
    });
  });
  it("answers the GET handshake only with the verify token", () => {
    const get = (query: Record<string, string>) =>
      whatsappAdapter.receiveWebhook({ method: "GET", query, rawBody: "", headers: {} }, channel());
    expect(
      get({
        "hub.mode": "subscribe",
        "hub.challenge": "1158201444",
        "hub.verify_token": "meta-verify-token",
      }),
    ).toEqual({ kind: "handshake", status: 200, body: "1158201444" });
    expect(get({ "hub.mode": "subscribe", "hub.challenge": "1", "hub.verify_token": "guess" })).toMatchObject(
      {
        kind: "rejected",
        status: 403,
      },
    );
  });
  it("cuts every message and status into its own event, routed by phone number id rather than WABA id", () => {
    const messages = eventsOf("messages_all_types");
    expect(messages).toHaveLength(15);
    expect(messages[0]).toMatchObject({ dedupKey: "wamid.TEXT1", accountId: NUMBER });
    expect(new Set(messages.map((e) => e.accountId))).toEqual(new Set([NUMBER]));
    expect(eventsOf("statuses").map((e) => e.dedupKey)).toEqual([
      "status:wamid.OUT1:read",
      "status:wamid.OUT1:delivered",
      "status:wamid.OUT1:sent",
      "status:wamid.OUT1:delivered",
      "status:wamid.OUT2:failed",
      "status:wamid.OUT3:failed",
    ]);
  });
  it("splits a batch of several entries and numbers, errors included", () => {
    const events = eventsOf("batch_numbers");
    expect(events.map((e) => [e.dedupKey.split(":")[0], e.accountId])).toEqual([
      ["wamid.A1", "106540352242922"],
      ["wamid.B1", "206540352242933"],
      ["status", "206540352242933"],
      ["error", "306540352242944"],
    ]);
    expect(parse(events[1]!)[0]).toMatchObject({
      text: "for number two",
      author: { displayName: "Piotr Nowak" },
    });
  });
  it("keeps webhook errors and sets them aside with WhatsApp's words", () => {
    const error = eventsOf("batch_numbers")[3]!;
    expect(() => parse(error)).toThrow(
      expect.objectContaining({
        unknownKind: true,
        message: expect.stringMatching(
          /130429: Rate limit hit — Message failed to send because there were too many/,
        ),
      }),
    );
  });
  it("tells admins of the number's quality, account restrictions and template reviews", () => {
    const [approved] = eventsOf("unknown_field");
    expect(approved!.dedupKey).toMatch(/^message_template_status_update:102290129340398:/);
    expect(parse(approved!)).toEqual([
      expect.objectContaining({
        type: "channel_notice",
        kind: "whatsapp.template_status",
        severity: "info",
        text: "WhatsApp template “order_update” (en_US): approved",
      }),
    ]);
    const [quality, account, rejected, templateQuality, unknown] = eventsOf("account_changes");
    expect(parse(quality!)).toEqual([
      expect.objectContaining({
        kind: "whatsapp.phone_quality",
        severity: "warning",
        text: expect.stringMatching(/37167000000: quality is low.*\(limit TIER_1K\)/),
      }),
    ]);
    expect(parse(account!)).toEqual([
      expect.objectContaining({
        kind: "whatsapp.account",
        severity: "warning",
        text: expect.stringMatching(
          /account restriction \(restricted: RESTRICTED_BIZ_INITIATED_MESSAGING until/,
        ),
      }),
    ]);
    expect(parse(rejected!)).toEqual([
      expect.objectContaining({
        severity: "warning",
        text: expect.stringMatching(/“winter_sale” \(lv\): rejected — INCORRECT_CATEGORY/),
      }),
    ]);
    expect(parse(templateQuality!)).toEqual([
      expect.objectContaining({
        kind: "whatsapp.template_quality",
        text: expect.stringMatching(/GREEN → RED/),
      }),
    ]);
    expect(() => parse(unknown!)).toThrow(
      expect.objectContaining({
        unknownKind: true,
        message: expect.stringMatching(/Unknown WhatsApp webhook field/),
      }),
    );
  });
  it("sets aside another object's delivery", () => {
    const verdict = receive(JSON.stringify({ object: "page", entry: [{ id: "1", time: 1 }] }));
    if (verdict.kind !== "events") throw new Error(`expected events, got ${verdict.kind}`);
    expect(verdict.events).toHaveLength(1);
    expect(() => parse(verdict.events[0]!)).toThrow(expect.objectContaining({ unknownKind: true }));
  });
  it("answers malformed bodies as malformed and refuses a message without its sender", () => {
    expect(receive("{nope")).toMatchObject({ kind: "malformed" });
    expect(receive(JSON.stringify({ object: "whatsapp_business_account" }))).toMatchObject({
      kind: "malformed",
    });
    const broken = {
      object: "whatsapp_business_account",
      wabaId: WABA,
      field: "messages",
      kind: "message",
      item: {},
    };
    expect(() => whatsappAdapter.parse(broken, channel())).toThrow(UnparseableEventError);
    expect(() => whatsappAdapter.parse(broken, channel())).toThrow(
      expect.objectContaining({ unknownKind: false }),
    );
  });
});

describe("WhatsApp message parsing", () => {
  const byId = () =>
    new Map(eventsOf("messages_all_types").map((e) => [e.dedupKey, parse(e)[0]!] as const)) as Map<
      string,
      InboundEvent
    >;
  const message = (id: string) => byId().get(id) as InboundMessage;

  it("makes a private thread per customer, named from the contacts profile", () => {
    const text = message("wamid.TEXT1");
    expect(text).toMatchObject({
      type: "message",
      platform: "whatsapp",
      externalId: "wamid.TEXT1",
      threadKey: "chat:37125550001",
      visibility: "private",
      text: "Kur ir mans pasūtījums?",
      author: { externalId: "37125550001", displayName: "Anna Bērziņa", username: "+37125550001" },
      replyTarget: { waId: "37125550001" },
      attachments: [],
    });
    expect(text.sentAt.getTime()).toBe(1764000000_000);
    expect(message("wamid.IMAGE1").author.displayName).toBe("Piotr Nowak");
  });
  it("links a quoted reply to the message it answers", () => {
    expect(message("wamid.REPLY1").parentExternalId).toBe("wamid.OUT1");
    expect(message("wamid.TEXT1").parentExternalId).toBeUndefined();
  });
  it("keeps media ids as refs and captions as text", () => {
    expect(message("wamid.IMAGE1")).toMatchObject({
      text: "Uszkodzona paczka",
      attachments: [{ type: "image", ref: "1003383421387256" }],
    });
    expect(message("wamid.VIDEO1")).toMatchObject({
      text: "",
      attachments: [{ type: "video", ref: "1003383421387257" }],
    });
    expect(message("wamid.AUDIO1").attachments).toEqual([
      { type: "audio", ref: "1003383421387258", name: "voice message", mimeType: "audio/ogg; codecs=opus" },
    ]);
    expect(message("wamid.DOC1")).toMatchObject({
      text: "Faktura",
      attachments: [
        { type: "file", ref: "1003383421387259", name: "faktura-2211.pdf", mimeType: "application/pdf" },
      ],
    });
    expect(message("wamid.STICKER1").attachments).toMatchObject([
      { type: "sticker", ref: "1003383421387260" },
    ]);
  });
  it("turns a location into a location attachment and readable text", () => {
    expect(message("wamid.LOC1")).toMatchObject({
      text: "📍 Nordmart Centrs, Brīvības iela 1, Rīga (56.9514, 24.1134)",
      attachments: [
        { type: "location", ref: "geo:56.9514,24.1134", name: "Nordmart Centrs, Brīvības iela 1, Rīga" },
      ],
    });
  });
  it("turns shared contacts into contact attachments and text", () => {
    expect(message("wamid.CONTACTS1")).toMatchObject({
      text: "👤 Jānis Kalniņš, +371 2555 0009\n👤 Nordmart Support, +371 6700 0000",
      attachments: [
        { type: "contact", ref: "37125550009", name: "Jānis Kalniņš" },
        { type: "contact", ref: "+371 6700 0000", name: "Nordmart Support" },
      ],
    });
  });
  it("reads button and list replies and template quick replies by their titles", () => {
    expect(message("wamid.BTN1")).toMatchObject({ text: "Track my order", parentExternalId: "wamid.OUT2" });
    expect(message("wamid.LIST1")).toMatchObject({ text: "Pickup point", parentExternalId: "wamid.OUT3" });
    expect(message("wamid.QUICK1")).toMatchObject({
      text: "Talk to an agent",
      parentExternalId: "wamid.TPL1",
    });
  });
  it("turns a reaction into the reacted message's state and ignores unsupported and system messages, saying why", () => {
    expect(byId().get("wamid.REACT1")).toEqual({
      type: "reaction",
      platform: "whatsapp",
      externalId: "wamid.OUT1",
      emoji: "👍",
      at: new Date(1764000050000),
    });
    // The customer wrote something Cloud API cannot show: the agent still sees that a message came.
    expect(byId().get("wamid.UNSUP1")).toMatchObject({
      type: "message",
      text: "",
      attachments: [{ type: "other", name: expect.stringMatching(/131051: Message type unknown/) }],
    });
    expect(byId().get("wamid.SYS1")).toMatchObject({
      type: "ignored",
      reason: expect.stringMatching(/changed their phone number/),
    });
  });
  it("shows a message type it does not know as a placeholder instead of setting it aside", () => {
    const item = {
      object: "whatsapp_business_account",
      wabaId: WABA,
      field: "messages",
      kind: "message",
      item: { from: "1", id: "wamid.X", timestamp: "1", type: "hologram", hologram: {} },
    };
    expect(whatsappAdapter.parse(item, channel())).toEqual([
      expect.objectContaining({
        type: "message",
        text: "",
        attachments: [{ type: "other", name: "WhatsApp hologram message" }],
      }),
    ]);
  });
  it("records messages sent from the WhatsApp Business app as the brand's own", () => {
    expect(parsed("message_echoes")[0]).toMatchObject({
      type: "message",
      externalId: "wamid.ECHO1",
      threadKey: "chat:37125550001",
      text: "Answered from the WhatsApp Business app",
      fromAccount: true,
      author: { externalId: "37125550001", needsProfile: true },
    });
  });
});

describe("WhatsApp payloads of the username era (business-scoped user ids)", () => {
  const byId = () =>
    new Map(parsed("username_era").map((e) => [e.type === "message" ? e.externalId : "", e] as const));
  const message = (id: string) => byId().get(id) as InboundMessage;
  it("keys a customer known only by a BSUID on it, names them by profile and replies through `recipient`", () => {
    expect(message("wamid.BSUID1")).toMatchObject({
      threadKey: "chat:LV.1502576394655843",
      author: { externalId: "LV.1502576394655843", displayName: "Līga", username: "liga.k" },
      replyTarget: { userId: "LV.1502576394655843" },
    });
  });
  it("keeps the phone number as the key where it is still given, so older conversations continue", () => {
    expect(message("wamid.BOTH1")).toMatchObject({
      threadKey: "chat:919810218674",
      author: { externalId: "919810218674", displayName: "Krish Thakur" },
      replyTarget: { waId: "919810218674" },
    });
  });
  it("shows a submitted flow (form) as its fields, without the flow token", () => {
    expect(message("wamid.FLOW1")).toMatchObject({
      text: "order_number: A-1042\nproblem: Parcel arrived damaged",
      parentExternalId: "wamid.OUTFLOW",
    });
  });
  it("names a voice note and shows unknown types and orders instead of setting them aside", () => {
    expect(message("wamid.VOICE1").attachments).toEqual([
      { type: "audio", ref: "1913210059296466", name: "voice message", mimeType: "audio/ogg; codecs=opus" },
    ]);
    expect(message("wamid.POLL1")).toMatchObject({
      text: "",
      attachments: [{ type: "other", name: "WhatsApp poll_response message" }],
    });
    expect(message("wamid.ORDER1")).toMatchObject({
      text: "Please deliver before Friday\n2 × sku-7 (9.99 EUR)",
    });
  });
});

describe("WhatsApp status parsing", () => {
  it("turns sent, delivered, read and failed into delivery statuses in the order they came", () => {
    const statuses = parsed("statuses") as InboundDeliveryStatus[];
    expect(statuses.map((s) => [s.externalId, s.status])).toEqual([
      ["wamid.OUT1", "read"],
      ["wamid.OUT1", "delivered"],
      ["wamid.OUT1", "sent"],
      ["wamid.OUT1", "delivered"],
      ["wamid.OUT2", "failed"],
      ["wamid.OUT3", "failed"],
    ]);
    expect(statuses[0]!.at.getTime()).toBe(1764000120_000);
    expect(statuses[1]!.error).toBeUndefined();
  });
  it("carries the errors of a failed status as text", () => {
    const statuses = parsed("statuses") as InboundDeliveryStatus[];
    expect(statuses[4]!.error).toBe("WhatsApp error 131026: Message undeliverable — Message Undeliverable.");
    expect(statuses[5]!.error).toBe("WhatsApp reported the message failed");
  });
});

describe("WhatsApp send and templates against the simulator's Graph API", () => {
  const state = new SimulatorState();
  const fake = createWhatsappFake();
  let server: Awaited<ReturnType<typeof listenHttp>>;
  let base: string;
  const reply = (overrides: Partial<OutboundReply> = {}): OutboundReply => ({
    kind: "reply",
    text: "Jūsu pasūtījums ir ceļā",
    visibility: "private",
    replyTarget: { waId: "37125550001" },
    lastInboundAt: new Date(Date.now() - 3_600_000).toISOString(),
    idempotencyKey: "parley-1",
    ...overrides,
  });
  const lastCall = () => state.callsOf("whatsapp", "POST /{id}/messages").at(-1)!;

  beforeAll(async () => {
    const app = new Hono();
    mountGraphApi(app, state, [fake.graph]);
    server = await listenHttp(app.fetch, 0);
    base = server.url;
    fake.addNumber({
      phoneNumberId: NUMBER,
      businessAccountId: WABA,
      displayPhoneNumber: "37120000000",
      accessToken: TOKEN,
      appSecret: SECRET,
    });
    // The customer wrote an hour ago, as far as WhatsApp knows.
    fake.backdateLastInbound(NUMBER, "37125550001", 1);
  });
  afterAll(() => server?.close());

  it("sends free text inside the window, quoting the message it answers", async () => {
    const result = await whatsappAdapter.send(reply({ inReplyToExternalId: "wamid.TEXT1" }), channel(base));
    expect(result).toEqual({ ok: true, externalId: expect.stringMatching(/^wamid\./) });
    expect(lastCall().params).toEqual({
      id: NUMBER,
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "37125550001",
      type: "text",
      text: { body: "Jūsu pasūtījums ir ceļā", preview_url: false },
      context: { message_id: "wamid.TEXT1" },
    });
    expect(fake.sent(NUMBER).at(-1)!.id).toBe((result as { externalId: string }).externalId);
  });
  it("reaches a customer known only by a business-scoped user id through `recipient`", async () => {
    fake.backdateLastInbound(NUMBER, "LV.1502576394655843", 1);
    const result = await whatsappAdapter.send(
      reply({ replyTarget: { userId: "LV.1502576394655843" } }),
      channel(base),
    );
    expect(result).toEqual({ ok: true, externalId: expect.stringMatching(/^wamid\./) });
    expect(lastCall().params).toMatchObject({ recipient: "LV.1502576394655843", type: "text" });
    expect(lastCall().params).not.toHaveProperty("to");
    expect(fake.sentTo(NUMBER, "LV.1502576394655843")).toHaveLength(1);
  });
  it("draws choices as WhatsApp's own controls: up to 3 reply buttons, up to 10 list rows, and words beyond", async () => {
    const choice = (label: string, description?: string) => ({
      label,
      description,
      payload: `survey:x:${label}`,
    });
    await whatsappAdapter.send(reply({ choices: [choice("Jā"), choice("Nē")] }), channel(base));
    expect(lastCall().params.interactive).toEqual({
      type: "button",
      body: { text: "Jūsu pasūtījums ir ceļā" },
      action: {
        buttons: [
          { type: "reply", reply: { id: "survey:x:Jā", title: "Jā" } },
          { type: "reply", reply: { id: "survey:x:Nē", title: "Nē" } },
        ],
      },
    });
    const csat = ["5", "4", "3", "2", "1"].map((n) => choice(n, `label ${n}`));
    expect((await whatsappAdapter.send(reply({ choices: csat }), channel(base))).ok).toBe(true);
    const list = lastCall().params.interactive as {
      type: string;
      action: { button: string; sections: { rows: unknown[] }[] };
    };
    expect(list.type).toBe("list");
    expect(list.action.button).toBe("1–5");
    expect(list.action.sections[0]!.rows[0]).toEqual({
      id: "survey:x:5",
      title: "5",
      description: "label 5",
    });
    const nps = Array.from({ length: 11 }, (_, n) => choice(String(n)));
    expect((await whatsappAdapter.send(reply({ choices: nps }), channel(base))).ok).toBe(true);
    expect(lastCall().params.type).toBe("text");
  });
  it("leaves context out when the reply quotes nothing", async () => {
    await whatsappAdapter.send(reply(), channel(base));
    expect(lastCall().params.context).toBeUndefined();
  });
  it("refuses free text more than 24 hours after the customer wrote, without calling WhatsApp", async () => {
    const before = state.calls.length;
    const result = await whatsappAdapter.send(
      reply({ lastInboundAt: new Date(Date.now() - 25 * 3_600_000).toISOString() }),
      channel(base),
    );
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: "outside_window",
        retryable: false,
        message:
          "More than 24 hours since the customer last wrote: WhatsApp allows only an approved template",
      }),
    });
    expect(state.calls.length).toBe(before);
  });
  it("sends an approved template outside the window", async () => {
    const result = await whatsappAdapter.send(
      reply({
        lastInboundAt: new Date(Date.now() - 48 * 3_600_000).toISOString(),
        inReplyToExternalId: undefined,
        template: { name: "order_update", language: "lv", parameters: ["Anna", "NM-2211"] },
      }),
      channel(base),
    );
    expect(result).toMatchObject({ ok: true });
    expect(lastCall().params).toMatchObject({
      messaging_product: "whatsapp",
      to: "37125550001",
      type: "template",
      template: {
        name: "order_update",
        language: { code: "lv" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Anna" },
              { type: "text", text: "NM-2211" },
            ],
          },
        ],
      },
    });
    expect(lastCall().params.text).toBeUndefined();
  });
  it("maps WhatsApp's 131047 re-engagement refusal to outside_window", async () => {
    fake.backdateLastInbound(NUMBER, "37125550001", 30);
    const result = await whatsappAdapter.send(reply(), channel(base));
    fake.backdateLastInbound(NUMBER, "37125550001", 1);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "outside_window",
        retryable: false,
        message: expect.stringMatching(/^WhatsApp error 131047/),
      },
    });
  });
  it("maps 130429 to a retryable rate limit and 190 to re-authorisation", async () => {
    state.injectFault({ platform: "whatsapp", method: "POST /{id}/messages", kind: "429" });
    expect(await whatsappAdapter.send(reply(), channel(base))).toMatchObject({
      ok: false,
      error: {
        code: "rate_limited",
        retryable: true,
        message: expect.stringMatching(/WhatsApp error 130429/),
      },
    });
    state.injectFault({ platform: "whatsapp", method: "POST /{id}/messages", kind: "error", errorCode: 190 });
    expect(await whatsappAdapter.send(reply(), channel(base))).toMatchObject({
      ok: false,
      error: { code: "token_invalid", retryable: false, needsReauth: true },
    });
    // A token the platform does not know at all is the same 190.
    expect(await whatsappAdapter.send(reply(), channel(base, "unknown-token-000"))).toMatchObject({
      ok: false,
      error: { code: "token_invalid" },
    });
  });
  it("reports an unknown template as a permanent refusal", async () => {
    const result = await whatsappAdapter.send(
      reply({ template: { name: "black_friday_promo", language: "en_US", parameters: ["50%"] } }),
      channel(base),
    );
    expect(result).toMatchObject({ ok: false, error: { code: "rejected", retryable: false } });
  });
  it("lists only approved templates with their body and parameter count", async () => {
    const templates = await whatsappAdapter.listTemplates!(channel(base));
    expect(templates.map((t) => `${t.name}/${t.language}`)).toEqual([
      "order_update/en_US",
      "order_update/ru",
      "order_update/pl",
      "order_update/lv",
      "follow_up/en_US",
    ]);
    expect(templates[3]).toEqual({
      name: "order_update",
      language: "lv",
      category: "UTILITY",
      status: "APPROVED",
      body: "Labdien, {{1}}! Ir jaunumi par jūsu pasūtījumu {{2}}. Atbildiet, lai turpinātu.",
      parameterCount: 2,
    });
    expect(state.callsOf("whatsapp", "GET /{id}/message_templates").at(-1)!.params).toMatchObject({
      id: WABA,
      fields: "name,language,status,category,components",
      limit: "100",
    });
  });
});

describe("WhatsApp template paging", () => {
  let server: Awaited<ReturnType<typeof listenHttp>>;
  const seen: string[] = [];
  beforeAll(async () => {
    const app = new Hono();
    const template = (name: string, status: string, body: string) => ({
      name,
      language: "en_US",
      status,
      category: "UTILITY",
      components: [
        { type: "HEADER", format: "TEXT", text: "Hi" },
        { type: "BODY", text: body },
      ],
    });
    app.get("/v25.0/:id/message_templates", (c) => {
      seen.push(
        `${c.req.param("id")}?after=${c.req.query("after") ?? ""}&auth=${c.req.header("authorization")}`,
      );
      if (c.req.query("after") === "P2")
        return c.json({
          data: [template("second_page", "APPROVED", "{{1}} and {{1}} again, then {{2}}")],
          paging: {},
        });
      if (c.req.query("after") === "P3")
        return c.json({ error: { code: 1, message: "should not be asked" } }, 500);
      return c.json({
        data: [
          template("first_page", "APPROVED", "No parameters"),
          template("rejected_one", "REJECTED", "{{1}}"),
        ],
        // Graph's next link names graph.facebook.com; it is followed on the channel's own API host.
        paging: { next: `https://graph.facebook.com/v25.0/${WABA}/message_templates?limit=100&after=P2` },
      });
    });
    server = await listenHttp(app.fetch, 0);
  });
  afterAll(() => server?.close());

  it("follows paging.next on the API host and counts distinct placeholders", async () => {
    const templates = await whatsappAdapter.listTemplates!(channel(server.url));
    expect(templates.map((t) => [t.name, t.parameterCount])).toEqual([
      ["first_page", 0],
      ["second_page", 2],
    ]);
    expect(seen).toEqual([`${WABA}?after=&auth=Bearer ${TOKEN}`, `${WABA}?after=P2&auth=Bearer ${TOKEN}`]);
  });
});
