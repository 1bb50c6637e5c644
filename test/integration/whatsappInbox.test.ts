import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signMetaBody } from "../../src/channels/meta/metaWebhook.ts";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { ApiClient } from "../support/apiClient.ts";
import {
  conversationMatching,
  expectMetaHandshake,
  postMetaWebhook,
  rawEventCount,
} from "../support/metaWebhookKit.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const APP = { appId: "1234567890", appSecret: "meta-app-secret", verifyToken: "meta-verify-token" };
const WABA = "102290129340398";
const NUMBER_A = {
  phoneNumberId: "106540352242922",
  displayPhoneNumber: "37120000000",
  name: "Nordmart WhatsApp",
  accessToken: "wa-token-a-123456",
};
const NUMBER_B = {
  phoneNumberId: "206540352242933",
  displayPhoneNumber: "48220000000",
  name: "Nordmart WhatsApp PL",
  accessToken: "wa-token-b-654321",
};

interface MessageItem {
  id: string;
  direction: string;
  text: string;
  externalId: string | null;
  deliveryStatus: string;
  deliveryError: string | null;
  reaction: string | null;
}

describe.each(dbTargets())("WhatsApp Cloud API inbox on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let api: ApiClient;
  let webhookUrl: string;
  let channelA: string;
  const post = (body: unknown, signature?: string) =>
    postMetaWebhook(webhookUrl, APP.appSecret, body, signature);
  const query = async <T>(statement: ReturnType<typeof sql>) =>
    ((await app.parley.database.db.execute(statement)) as unknown as { rows: T[] }).rows;
  const conversationWith = (q: string) => conversationMatching(api, q);
  const messagesOf = async (conversationId: string) =>
    (await api.get(`/api/conversations/${conversationId}/messages`)).body.items as MessageItem[];
  const outcomeOf = (conversationId: string, text: string, statuses: string[]) =>
    waitFor(
      async () => {
        const found = (await messagesOf(conversationId)).find((m) => m.text === text);
        return found && statuses.includes(found.deliveryStatus) ? found : null;
      },
      20_000,
      `"${text}" to be ${statuses.join(" or ")}`,
    );
  /** Waits until every status callback has reached Parley and been processed. */
  const statusesApplied = async () => {
    await sim.whatsapp.settled();
    await waitFor(
      async () =>
        (
          await query<{ n: number }>(sql`SELECT count(*)::int AS n FROM raw_events WHERE status = 'pending'`)
        )[0]!.n === 0,
      15_000,
      "raw events to be processed",
    );
  };
  const customerWrites = async (id: number, firstName: string, text: string, account = NUMBER_A) => {
    await sim.whatsapp.act(account.phoneNumberId, {
      person: { id, firstName, lastName: "Bērziņa", languageCode: "lv" },
      text,
      visibility: "private",
    });
    return conversationWith(text);
  };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    app = await startTestParley(target);
    api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const number of [NUMBER_A, NUMBER_B]) {
      const created = await api.post("/api/channels", {
        platform: "whatsapp",
        name: number.name,
        settings: {
          ...APP,
          accountId: number.phoneNumberId,
          businessAccountId: WABA,
          accessToken: number.accessToken,
        },
        apiBaseUrl: sim.url,
      });
      expect(created.status).toBe(201);
      // One Meta app, one callback URL: the first number's URL serves both numbers.
      webhookUrl ??= created.body.webhookUrl;
      channelA ??= created.body.id;
      sim.whatsapp.addNumber({ ...number, businessAccountId: WABA, appSecret: APP.appSecret, webhookUrl });
    }
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  it("answers Meta's verification handshake only with the right verify token", async () => {
    await expectMetaHandshake(webhookUrl, APP.verifyToken);
  });

  it("refuses a bad signature and stores nothing", async () => {
    const count = () => rawEventCount(app);
    const before = await count();
    const body = sim.whatsapp.messagesChange(NUMBER_A.phoneNumberId, {
      messages: [
        {
          from: "37125550099",
          id: "wamid.FORGED",
          timestamp: "1764000000",
          type: "text",
          text: { body: "forged" },
        },
      ],
    });
    expect((await post(body, signMetaBody(JSON.stringify(body), "not-the-app-secret"))).status).toBe(403);
    expect((await fetch(webhookUrl, { method: "POST", body: JSON.stringify(body) })).status).toBe(401);
    expect(await count()).toBe(before);
  });

  it("takes a customer's message into a private chat and answers it quoting the message", async () => {
    const conversation = await customerWrites(37125550001, "Anna", "Kur ir mans pasūtījums NM-2211?");
    expect(conversation).toMatchObject({
      visibility: "private",
      contact: { displayName: "Anna Bērziņa" },
      replyOptions: { public: false, private: true },
    });
    const [inbound] = await messagesOf(conversation.id);
    expect(inbound!.externalId).toMatch(/^wamid\./);
    const sent = await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "Tas ir ceļā, rīt būs klāt.",
      visibility: "private",
      inReplyToMessageId: inbound!.id,
    });
    expect(sent.status).toBe(202);
    await outcomeOf(conversation.id, "Tas ir ceļā, rīt būs klāt.", ["delivered", "read"]);
    const call = sim.state
      .callsOf("whatsapp", "POST /{id}/messages")
      .find((c) => (c.params.text as { body?: string } | undefined)?.body === "Tas ir ceļā, rīt būs klāt.")!;
    expect(call.params).toMatchObject({
      id: NUMBER_A.phoneNumberId,
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "37125550001",
      type: "text",
      context: { message_id: inbound!.externalId },
    });
    // sent → delivered → read callbacks follow the send; the reply ends read.
    const read = await outcomeOf(conversation.id, "Tas ir ceļā, rīt būs klāt.", ["read"]);
    expect(read.externalId).toBe(sim.whatsapp.sent(NUMBER_A.phoneNumberId).at(-1)!.id);
    expect(read.deliveryError).toBeNull();
  });

  it("keeps a reply read when its statuses arrive reversed and repeated", async () => {
    const conversation = await customerWrites(37125550002, "Marta", "Vai varu atgriezt tosteri?");
    sim.whatsapp.settings.statusOrder = "reversed";
    sim.whatsapp.settings.repeatStatuses = true;
    try {
      await api.post(`/api/conversations/${conversation.id}/messages`, {
        text: "Jā, 30 dienu laikā.",
        visibility: "private",
      });
      await outcomeOf(conversation.id, "Jā, 30 dienu laikā.", ["read"]);
      await statusesApplied();
    } finally {
      sim.whatsapp.settings.statusOrder = "in_order";
      sim.whatsapp.settings.repeatStatuses = false;
    }
    // read, read, delivered, delivered, sent, sent: the late ones never move it back.
    const reply = (await messagesOf(conversation.id)).find((m) => m.text === "Jā, 30 dienu laikā.")!;
    expect(reply.deliveryStatus).toBe("read");
    const stored = await query<{ dedup_key: string }>(
      sql`SELECT dedup_key FROM raw_events WHERE dedup_key LIKE ${`status:${reply.externalId}:%`} ORDER BY id`,
    );
    expect(stored.map((r) => r.dedup_key.split(":").at(-1))).toEqual(["read", "delivered", "sent"]);
  });

  it("applies statuses that overtake the recording of their own send", async () => {
    const conversation = await customerWrites(37125550006, "Elīna", "Vai jums ir Wi-Fi rūteris?");
    // sent, delivered and read reach Parley before the send's answer, so before the reply has its wamid.
    sim.whatsapp.settings.statusesBeforeAnswer = true;
    try {
      await api.post(`/api/conversations/${conversation.id}/messages`, {
        text: "Jā, 3 modeļi.",
        visibility: "private",
      });
      const read = await outcomeOf(conversation.id, "Jā, 3 modeļi.", ["read"]);
      expect(read.externalId).toBe(sim.whatsapp.sent(NUMBER_A.phoneNumberId).at(-1)!.id);
    } finally {
      sim.whatsapp.settings.statusesBeforeAnswer = false;
    }
  });

  it("records a failure WhatsApp reports after delivery, with its error", async () => {
    const conversation = await customerWrites(37125550003, "Ilze", "Sveiki, vai jums ir dāvanu kartes?");
    sim.whatsapp.settings.statusCallbacks = false;
    try {
      await api.post(`/api/conversations/${conversation.id}/messages`, {
        text: "Jā, ir.",
        visibility: "private",
      });
      const reply = await outcomeOf(conversation.id, "Jā, ir.", ["delivered"]);
      await sim.whatsapp.deliverStatus(NUMBER_A.phoneNumberId, reply.externalId!, "delivered");
      await sim.whatsapp.deliverStatus(NUMBER_A.phoneNumberId, reply.externalId!, "failed", [
        { code: 131026, title: "Message undeliverable", error_data: { details: "Message Undeliverable." } },
      ]);
      const failed = await outcomeOf(conversation.id, "Jā, ir.", ["failed"]);
      expect(failed.deliveryError).toBe(
        "WhatsApp error 131026: Message undeliverable — Message Undeliverable.",
      );
    } finally {
      sim.whatsapp.settings.statusCallbacks = true;
    }
  });

  it("shows WhatsApp's 131047 refusal of free text after 24 hours, then sends an approved template", async () => {
    const conversation = await customerWrites(37125550004, "Laura", "Kad atvērsies veikals Jelgavā?");
    // Parley believes the window is open, WhatsApp's clock says the customer wrote 25 hours ago.
    sim.whatsapp.backdateLastInbound(NUMBER_A.phoneNumberId, "37125550004", 25);
    await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "Nākamnedēļ!",
      visibility: "private",
    });
    const refused = await outcomeOf(conversation.id, "Nākamnedēļ!", ["failed"]);
    expect(refused.deliveryError).toMatch(/^WhatsApp error 131047: \(#131047\) Re-engagement message/);

    const templates = await api.get(`/api/channels/${channelA}/templates`);
    expect(templates.status).toBe(200);
    const orderUpdate = (
      templates.body.items as { name: string; language: string; parameterCount: number }[]
    ).find((t) => t.name === "order_update" && t.language === "lv");
    expect(orderUpdate?.parameterCount).toBe(2);
    expect(templates.body.items.some((t: { status: string }) => t.status !== "APPROVED")).toBe(false);

    const preview = "Labdien, Laura! Ir jaunumi par jūsu pasūtījumu NM-7. Atbildiet, lai turpinātu.";
    const sent = await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: preview,
      visibility: "private",
      template: { name: "order_update", language: "lv", parameters: ["Laura", "NM-7"] },
    });
    expect(sent.status).toBe(202);
    await outcomeOf(conversation.id, preview, ["delivered", "read"]);
    const call = sim.state
      .callsOf("whatsapp", "POST /{id}/messages")
      .findLast((c) => c.params.to === "37125550004")!;
    expect(call.params).toMatchObject({
      type: "template",
      template: {
        name: "order_update",
        language: { code: "lv" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Laura" },
              { type: "text", text: "NM-7" },
            ],
          },
        ],
      },
    });
  });

  it("refuses free text itself once Parley's own clock says the window has closed", async () => {
    const conversation = await customerWrites(37125550005, "Zane", "Vai piegādājat uz Liepāju?");
    await query(
      sql`UPDATE conversations SET last_inbound_at = now() - interval '25 hours' WHERE id = ${conversation.id}`,
    );
    const callsBefore = sim.state.callsOf("whatsapp", "POST /{id}/messages").length;
    await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "Jā, piegādājam.",
      visibility: "private",
    });
    const refused = await outcomeOf(conversation.id, "Jā, piegādājam.", ["failed"]);
    expect(refused.deliveryError).toBe(
      "More than 24 hours since the customer last wrote: WhatsApp allows only an approved template",
    );
    expect(sim.state.callsOf("whatsapp", "POST /{id}/messages").length).toBe(callsBefore);
  });

  it("routes a batch for two numbers to their own channels and sets aside an unknown number", async () => {
    const now = String(Math.floor(Date.now() / 1000));
    const change = (phoneNumberId: string, waId: string, id: string, text: string) => ({
      value: {
        messaging_product: "whatsapp",
        metadata: { display_phone_number: "0", phone_number_id: phoneNumberId },
        contacts: [{ profile: { name: `Customer ${waId}` }, wa_id: waId }],
        messages: [{ from: waId, id, timestamp: now, type: "text", text: { body: text } }],
      },
      field: "messages",
    });
    const res = await post({
      object: "whatsapp_business_account",
      entry: [
        {
          id: WABA,
          changes: [
            change(NUMBER_A.phoneNumberId, "37125550010", "wamid.BATCH_A", "batch for A"),
            change(NUMBER_B.phoneNumberId, "48555000010", "wamid.BATCH_B", "batch for B"),
          ],
        },
        { id: "999", changes: [change("999999", "48555000011", "wamid.BATCH_X", "batch for nobody")] },
      ],
    });
    expect(res.status).toBe(200);
    expect((await conversationWith("batch for A")).channel.name).toBe(NUMBER_A.name);
    const forB = await conversationWith("batch for B");
    expect(forB.channel.name).toBe(NUMBER_B.name);
    expect(forB.contact.displayName).toBe("Customer 48555000010");
    const problems = (await api.get("/api/inbound-problems")).body;
    expect(problems.unparsed.some((e: { error: string }) => /account 999999/.test(e.error))).toBe(true);
    expect((await api.get("/api/conversations?q=batch%20for%20nobody")).body.items).toHaveLength(0);
  });

  it("shows a customer's reaction on the reply it was given to, and its removal", async () => {
    const conversation = await customerWrites(37125550077, "Līga", "Vai jums ir dāvanu kartes?");
    await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "Jā, no 10 līdz 200 eiro.",
      visibility: "private",
    });
    const reply = await outcomeOf(conversation.id, "Jā, no 10 līdz 200 eiro.", ["delivered", "read"]);
    const react = (emoji: string, id: string) =>
      post(
        sim.whatsapp.messagesChange(NUMBER_A.phoneNumberId, {
          contacts: [{ profile: { name: "Līga Bērziņa" }, wa_id: "37125550077" }],
          messages: [
            {
              from: "37125550077",
              id,
              timestamp: String(Math.floor(Date.now() / 1000)),
              type: "reaction",
              reaction: { message_id: reply.externalId, emoji },
            },
          ],
        }),
      );
    expect((await react("👍", "wamid.REACTION-1")).status).toBe(200);
    await waitFor(
      async () => (await messagesOf(conversation.id)).find((m) => m.id === reply.id)?.reaction === "👍",
      15_000,
      "the reaction",
    );
    expect((await react("", "wamid.REACTION-2")).status).toBe(200);
    await waitFor(
      async () => (await messagesOf(conversation.id)).find((m) => m.id === reply.id)?.reaction === null,
      15_000,
      "the reaction taken back",
    );
  });
});
