import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversationMatching } from "../support/metaWebhookKit.ts";
import { type SimulatedParley, startSimulatedParley } from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { waitFor } from "../support/testParley.ts";
import { DOOR_ACCOUNTS, knock, openWebhookDoors, type WebhookDoor } from "../support/webhookDoors.ts";

const REPLACEMENT = "\uFFFD";

/**
 * Genuine webhooks Parley cannot store as sent (PostgreSQL's text and jsonb hold no NUL and no lone surrogate)
 * and authentic envelopes of the wrong shape: stored and processed, or refused with a 400, never a 500 that a
 * platform would retry forever (Telegram holds back every later update behind it).
 */
describe.each(dbTargets())("hostile but authentic webhooks on $name", (target) => {
  let parley: SimulatedParley;
  let doors: Record<string, WebhookDoor>;
  let nextUpdateId = 900_000;
  const query = async <T>(statement: ReturnType<typeof sql>) =>
    ((await parley.app.parley.database.db.execute(statement)) as unknown as { rows: T[] }).rows;

  beforeAll(async () => {
    parley = await startSimulatedParley(target);
    doors = Object.fromEntries(
      (await openWebhookDoors(parley.api, parley.sim)).map((door) => [door.platform, door]),
    );
  });
  afterAll(async () => {
    await parley?.app.stop();
    await parley?.sim.stop();
  });

  /** A Telegram private message whose JSON text is written by hand, so escapes go out exactly as given. */
  const telegramBody = (textJson: string, personId: number) =>
    `{"update_id":${nextUpdateId++},"message":{"message_id":${nextUpdateId},"date":1764000000,` +
    `"chat":{"id":${personId},"type":"private","first_name":"Nul"},` +
    `"from":{"id":${personId},"is_bot":false,"first_name":"Nul"},"text":${textJson}}}`;

  const storedBody = async (platform: string, dedupKey: string) =>
    (
      await query<{ payload: unknown; raw_body: Uint8Array | null; status: string }>(sql`
        SELECT payload, raw_body, status FROM raw_events
        WHERE platform = ${platform} AND dedup_key = ${dedupKey}`)
    )[0];

  it.each([
    [
      "a NUL escape",
      String.raw`"before\u0000after nulescape"`,
      `before${REPLACEMENT}after nulescape`,
      "nulescape",
    ],
    [
      "a lone surrogate",
      String.raw`"before\ud800after lonehigh"`,
      `before${REPLACEMENT}after lonehigh`,
      "lonehigh",
    ],
    [
      "a lone low surrogate",
      String.raw`"\udc00 lonelow \ud83d\ude00"`,
      `${REPLACEMENT} lonelow 😀`,
      "lonelow",
    ],
  ])(
    "stores a Telegram update with %s, keeps its bytes and brings it to the inbox",
    async (_, text, shown, word) => {
      const body = telegramBody(text, 4100 + nextUpdateId);
      const updateId = nextUpdateId - 1;
      const answer = await knock(doors.telegram!, doors.telegram!.signed(body));
      expect(answer.status).toBe(200);

      const stored = await storedBody("telegram", `update:${updateId}`);
      expect(stored).toBeDefined();
      expect(Buffer.from(stored!.raw_body!).toString("utf8")).toBe(body);
      expect(JSON.stringify(stored!.payload)).toContain(JSON.stringify(shown).slice(1, -1));

      const conversation = await conversationMatching(parley.api, word);
      const messages = (await parley.api.get(`/api/conversations/${conversation.id}/messages`)).body
        .items as {
        text: string;
      }[];
      expect(messages.map((m) => m.text)).toContain(shown);
    },
  );

  it("stores a polled Telegram update with a NUL instead of stalling the poller", async () => {
    const bot = { token: "770078:fuzz-polling-token", username: "fuzz_poll_bot", firstName: "Poll" };
    parley.sim.telegram.addBot(bot);
    const created = await parley.api.post("/api/channels", {
      platform: "telegram",
      name: "Polling bot",
      settings: { botToken: bot.token, webhookSecret: "unused", mode: "polling" },
      apiBaseUrl: parley.sim.url,
    });
    expect(created.status).toBe(201);
    const person = { id: 8181, firstName: "Polly", languageCode: "en" as const };
    await parley.sim.telegram.act(bot.token, { person, text: "polled\u0000nul", visibility: "private" });
    await parley.sim.telegram.act(bot.token, {
      person,
      text: "pollafter next update",
      visibility: "private",
    });
    const conversation = await conversationMatching(parley.api, "pollafter");
    const messages = (await parley.api.get(`/api/conversations/${conversation.id}/messages`)).body.items as {
      text: string;
    }[];
    expect(messages.map((m) => m.text)).toEqual(
      expect.arrayContaining([`polled${REPLACEMENT}nul`, "pollafter next update"]),
    );
  });

  it("stores a body that needed no change without a second copy of its bytes", async () => {
    const body = telegramBody(`"plain text needs no copy"`, 4999);
    const updateId = nextUpdateId - 1;
    expect((await knock(doors.telegram!, doors.telegram!.signed(body))).status).toBe(200);
    expect((await storedBody("telegram", `update:${updateId}`))?.raw_body).toBeNull();
  });

  it("keeps a Telegram body that is no JSON, NUL byte and all, and answers 400", async () => {
    const body = Buffer.concat([
      Buffer.from('{"update_id":5,"message":"\u0000'),
      Buffer.from([0xff, 0xfe, 0x00]),
    ]);
    const answer = await knock(doors.telegram!, doors.telegram!.signed(body));
    expect(answer.status).toBe(400);
    const [kept] = await query<{ raw_body: string; raw_bytes: Uint8Array | null }>(sql`
      SELECT raw_body, raw_bytes FROM rejected_webhooks ORDER BY id DESC LIMIT 1`);
    expect(Buffer.from(kept!.raw_bytes!).equals(body)).toBe(true);
    expect(kept!.raw_body).not.toContain("\u0000");
  });

  it("stores a VK message with a NUL and reads it with the character replaced", async () => {
    const body = JSON.stringify({
      type: "message_new",
      event_id: "nul-event-1",
      v: "5.199",
      object: {
        message: {
          date: 1764000000,
          from_id: 5150,
          peer_id: 5150,
          id: 77,
          out: 0,
          text: "vk\u0000nul message",
          conversation_message_id: 77,
          attachments: [],
        },
      },
    });
    expect((await knock(doors.vk!, doors.vk!.signed(body))).status).toBe(200);
    const conversation = await conversationMatching(parley.api, "message");
    const messages = (await parley.api.get(`/api/conversations/${conversation.id}/messages`)).body.items as {
      text: string;
    }[];
    expect(messages.map((m) => m.text)).toContain(`vk${REPLACEMENT}nul message`);
  });

  it("stores a Viber message with a NUL and a lone surrogate, its exact bytes and its 64-bit token", async () => {
    const body = Buffer.from(
      `{"event":"message","timestamp":1764000400000,"message_token":5741399000000000001,` +
        `"sender":{"id":"hostile0000000000000000==","name":"Viber Nul"},` +
        String.raw`"message":{"type":"text","text":"viber\u0000nul \ud800 message"}}`,
      "utf8",
    );
    expect((await knock(doors.viber!, doors.viber!.signed(body))).status).toBe(200);
    const stored = await storedBody("viber", "message:5741399000000000001");
    expect(Buffer.from(stored!.raw_body!).equals(body)).toBe(true);
    expect((stored!.payload as { message_token: unknown }).message_token).toBe("5741399000000000001");
    // Other doors' conversations hold "nul" too: the Viber channel's own list is the one to read.
    const conversation = await waitFor(
      async () =>
        (await parley.api.get(`/api/conversations?channelId=${doors.viber!.channelId}`)).body.items[0],
      15_000,
      "the Viber conversation",
    );
    const messages = (await parley.api.get(`/api/conversations/${conversation.id}/messages`)).body.items as {
      text: string;
      externalId: string;
    }[];
    expect(messages).toContainEqual(
      expect.objectContaining({
        text: `viber${REPLACEMENT}nul ${REPLACEMENT} message`,
        externalId: "5741399000000000001",
      }),
    );
  });

  it("stores a Messenger message with a lone surrogate from a batch and reads it", async () => {
    const body =
      `{"object":"page","entry":[{"id":"${DOOR_ACCOUNTS.facebookPageId}","time":1764000300000,"messaging":[` +
      `{"sender":{"id":"6100"},"recipient":{"id":"${DOOR_ACCOUNTS.facebookPageId}"},"timestamp":1764000300000,` +
      String.raw`"message":{"mid":"m_surrogate","text":"messenger \ud800 surrogate"}}]}]}`;
    expect((await knock(doors.facebook!, doors.facebook!.signed(body))).status).toBe(200);
    const stored = await storedBody("facebook", "mid:m_surrogate");
    // One event of a batch keeps its own JSON, every character as sent.
    expect(Buffer.from(stored!.raw_body!).toString("utf8")).toContain(String.raw`messenger \ud800 surrogate`);
    const conversation = await conversationMatching(parley.api, "surrogate");
    const messages = (await parley.api.get(`/api/conversations/${conversation.id}/messages`)).body.items as {
      text: string;
    }[];
    expect(messages.map((m) => m.text)).toContain(`messenger ${REPLACEMENT} surrogate`);
  });

  const wrongShapes = [
    '{"object":"OBJECT","entry":[null]}',
    '{"object":"OBJECT","entry":0}',
    '{"object":"OBJECT","entry":[0,"x",true,[]]}',
    '{"object":"OBJECT","entry":[{"id":"ACCOUNT","time":1,"changes":1.5}]}',
    '{"object":"OBJECT","entry":[{"id":"ACCOUNT","time":1,"changes":[null,2,"x"]}]}',
    '{"object":"OBJECT","entry":[{"id":"ACCOUNT","time":1,"changes":[{"field":"feed","value":1.5}]}]}',
    '{"object":"OBJECT","entry":[{"id":"ACCOUNT","time":1,"messaging":{"a":1}}]}',
    '{"object":"OBJECT","entry":[{"id":"ACCOUNT","time":1,"messaging":[null,"m",3]}]}',
    '{"object":"OBJECT","entry":[{"id":"ACCOUNT","time":1,"standby":"s"}]}',
    '{"object":"OBJECT","entry":[{"id":{"toString":1},"time":{"valueOf":1},"changes":[]}]}',
    '{"object":{"toString":1},"entry":[]}',
    '{"object":"OBJECT","entry":[{"id":"ACCOUNT","field":{"toString":1},"value":{"toString":1}}]}',
    '{"object":"OBJECT","entry":[{"id":"ACCOUNT","time":1,"changes":[{"field":"messages","value":{"metadata":1,"messages":{"id":1}}}]}]}',
    '{"object":"OBJECT","entry":[{"id":"ACCOUNT","time":1,"messaging":[{"sender":1,"message":{"mid":{"toString":1}}}]}]}',
    "[]",
    "null",
    '"entry"',
    `{"object":"OBJECT","entry":${"[".repeat(5000)}${"]".repeat(5000)}}`,
  ];
  const metaObject = { facebook: "page", instagram: "instagram", whatsapp: "whatsapp_business_account" };
  const metaAccount = {
    facebook: DOOR_ACCOUNTS.facebookPageId,
    instagram: DOOR_ACCOUNTS.instagramAccountId,
    whatsapp: DOOR_ACCOUNTS.whatsappBusinessAccountId,
  };

  it.each(Object.keys(metaObject))(
    "answers authentic %s envelopes of the wrong shape with 200 (set aside) or 400 (kept), never 500",
    async (platform) => {
      const door = doors[platform]!;
      for (const shape of wrongShapes) {
        const body = shape
          .replaceAll("OBJECT", metaObject[platform as keyof typeof metaObject])
          .replaceAll("ACCOUNT", metaAccount[platform as keyof typeof metaAccount]);
        const [before] = await query<{ events: number; rejected: number }>(sql`
        SELECT (SELECT count(*)::int FROM raw_events) AS events, (SELECT count(*)::int FROM rejected_webhooks) AS rejected`);
        const answer = await knock(door, door.signed(body));
        expect([200, 400], `${platform} ${shape.slice(0, 120)} → ${answer.status} ${answer.text}`).toContain(
          answer.status,
        );
        const [after] = await query<{ events: number; rejected: number }>(sql`
        SELECT (SELECT count(*)::int FROM raw_events) AS events, (SELECT count(*)::int FROM rejected_webhooks) AS rejected`);
        if (answer.status === 400) expect(after!.rejected, shape).toBe(before!.rejected + 1);
      }
      // Whatever was acknowledged is either processed or set aside with its reason; nothing waits forever.
      await waitFor(
        async () =>
          (
            await query<{ n: number }>(
              sql`SELECT count(*)::int AS n FROM raw_events WHERE status = 'pending' AND platform = ${platform}`,
            )
          )[0]!.n === 0,
        15_000,
        "the set-aside events",
      );
      const setAside = await query<{ error: string }>(
        sql`SELECT error FROM raw_events WHERE platform = ${platform} AND status = 'unparseable'`,
      );
      expect(setAside.length).toBeGreaterThan(0);
      expect(setAside.every((row) => row.error.length > 0)).toBe(true);
    },
  );

  it("stores VK events and refused VK bodies without the secret key VK writes into them", async () => {
    const unknown = '{"type":"fuzz_unknown_kind","event_id":"secret-check-1","object":{"x":1}}';
    expect((await knock(doors.vk!, doors.vk!.signed(unknown))).status).toBe(200);
    const refused = '{"type":"message_new","event_id":"secret-check-2","object":"not an object"}';
    expect((await knock(doors.vk!, doors.vk!.signed(refused))).status).toBe(400);
    const stored = await query<{ text: string }>(sql`
      SELECT payload::text AS text FROM raw_events WHERE platform = 'vk'
      UNION ALL SELECT raw_body FROM rejected_webhooks`);
    expect(stored.some((row) => row.text.includes("[redacted]"))).toBe(true);
    expect(stored.some((row) => row.text.includes("fuzz-vk-secret"))).toBe(false);
    const problems = await parley.api.get("/api/inbound-problems");
    expect(JSON.stringify(problems.body)).not.toContain("fuzz-vk-secret");
  });

  it("answers VK events whose group is not a number with a refusal, not a 500", async () => {
    const forged = '{"type":"message_new","group_id":{"toString":1},"object":{}}';
    const answer = await fetch(doors.vk!.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: forged,
    });
    expect(answer.status).toBe(403);
  });
});
