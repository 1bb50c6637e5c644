import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { ApiClient } from "../support/apiClient.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const VK = {
  groupId: 4242,
  accessToken: "vk-community-token",
  secretKey: "vk-secret-key",
  confirmationCode: "a1b2c3d4",
  name: "Brand",
};

describe.each(dbTargets())("VK community inbox on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let api: ApiClient;
  let webhookUrl: string;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    app = await startTestParley(target);
    api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const created = await api.post("/api/channels", {
      platform: "vk",
      name: "VK community",
      settings: {
        groupId: VK.groupId,
        accessToken: VK.accessToken,
        secretKey: VK.secretKey,
        confirmationCode: VK.confirmationCode,
      },
      apiBaseUrl: sim.url,
    });
    expect(created.status).toBe(201);
    webhookUrl = created.body.webhookUrl;
    sim.vk.addCommunity({ ...VK, callbackUrl: webhookUrl });
  });

  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  const person = { id: 1500, firstName: "Jānis", lastName: "Bērziņš", languageCode: "lv" as const };

  it("answers the Callback API confirmation with the community's code", async () => {
    expect(await sim.vk.confirm(VK.groupId)).toBe(true);
  });

  it("rejects an event with a wrong secret and stores nothing", async () => {
    const before = (
      (await app.parley.database.db.execute(sql`SELECT count(*)::int AS n FROM raw_events`)) as unknown as {
        rows: { n: number }[];
      }
    ).rows[0]!.n;
    const res = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "message_new",
        group_id: VK.groupId,
        event_id: "forged1",
        v: "5.199",
        secret: "guess",
        object: {
          message: { id: 1, date: 1, peer_id: 1, from_id: 1, text: "x", conversation_message_id: 1 },
        },
      }),
    });
    expect(res.status).toBe(403);
    const after = (
      (await app.parley.database.db.execute(sql`SELECT count(*)::int AS n FROM raw_events`)) as unknown as {
        rows: { n: number }[];
      }
    ).rows[0]!.n;
    expect(after).toBe(before);
  });

  it("opens a private conversation from message_new and answers with messages.send and a random_id", async () => {
    const outcome = await sim.vk.act(String(VK.groupId), {
      person,
      text: "Sveiki! Kur ir mans pasutijums?",
      visibility: "private",
    });
    expect(outcome.status).toBe(200);
    const conversation = await waitFor(
      async () => (await api.get("/api/conversations?q=pasutijums")).body.items[0],
      15_000,
      "conversation",
    );
    expect(conversation.visibility).toBe("private");
    // Callbacks carry only the user id; users.get fills the name in shortly after.
    await waitFor(
      async () =>
        (await api.get(`/api/conversations/${conversation.id}`)).body.contact.displayName === "Jānis Bērziņš",
      15_000,
      "the name from users.get",
    );
    expect(
      sim.state.callsOf("vk", "users.get").some((c) => String(c.params.user_ids).split(",").includes("1500")),
    ).toBe(true);
    const reply = await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "Labdien, Jāni! Pārbaudu.",
      visibility: "private",
    });
    expect(reply.status).toBe(202);
    await waitFor(
      async () =>
        (await api.get(`/api/conversations/${conversation.id}/messages`)).body.items.some(
          (m: { deliveryStatus: string; direction: string }) =>
            m.direction === "out" && m.deliveryStatus === "delivered",
        ),
      15_000,
      "delivery",
    );
    const sends = sim.state
      .callsOf("vk", "messages.send")
      .filter((c) => c.params.message === "Labdien, Jāni! Pārbaudu.");
    expect(sends).toHaveLength(1);
    expect(Number(sends[0]!.params.random_id)).not.toBe(0);
    expect(String(sends[0]!.params.peer_ids ?? sends[0]!.params.peer_id)).toBe(String(person.id));
  });

  it("threads a wall comment under its post and replies publicly with wall.createComment", async () => {
    await sim.vk.act(String(VK.groupId), {
      person: { ...person, id: 1501, firstName: "Marta" },
      text: "Когда будет скидка на пылесосы?",
      visibility: "public",
    });
    const conversation = await waitFor(
      async () =>
        (await api.get("/api/conversations?q=%D0%BF%D1%8B%D0%BB%D0%B5%D1%81%D0%BE%D1%81%D1%8B")).body
          .items[0],
      15_000,
      "public conversation",
    );
    expect(conversation.visibility).toBe("public");
    expect(conversation.post).not.toBeNull();
    expect(conversation.post.permalink).toMatch(/^https:\/\/vk\.com\/wall-4242_\d+$/);
    expect(conversation.replyOptions).toEqual({ public: true, private: true });
    await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "Скидки будут в пятницу!",
      visibility: "public",
    });
    await waitFor(
      async () =>
        sim.state
          .callsOf("vk", "wall.createComment")
          .some((c) => c.params.message === "Скидки будут в пятницу!" && c.outcome === "ok"),
      15_000,
      "public reply",
    );
    // VK echoes the community's own comment to the callback server before the API answers: still one message.
    const thread = await waitFor(
      async () => {
        const items = (await api.get(`/api/conversations/${conversation.id}/messages`)).body.items as {
          text: string;
          direction: string;
          deliveryStatus: string;
          author: { kind: string };
        }[];
        const ours = items.filter((m) => m.text === "Скидки будут в пятницу!");
        return ours.length === 1 && ours[0]!.deliveryStatus === "delivered" ? ours : null;
      },
      15_000,
      "one delivered reply despite the echo",
    );
    expect(thread[0]!.author.kind).toBe("agent");
    const call = sim.state
      .callsOf("vk", "wall.createComment")
      .find((c) => c.params.message === "Скидки будут в пятницу!")!;
    expect(String(call.params.owner_id)).toBe(`-${VK.groupId}`);
    expect(String(call.params.from_group)).toBe(String(VK.groupId));

    await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "Напишу вам в личные сообщения.",
      visibility: "private",
    });
    await waitFor(
      async () =>
        sim.state
          .callsOf("vk", "messages.send")
          .some(
            (c) =>
              c.params.message === "Напишу вам в личные сообщения." &&
              String(c.params.peer_ids ?? c.params.peer_id) === "1501",
          ),
      15_000,
      "private reply to a commenter",
    );
  });

  it("records what the community wrote from VK's own interface and counts it as an answer", async () => {
    await sim.vk.act(String(VK.groupId), {
      person: { ...person, id: 1503, firstName: "Outside" },
      text: "outside reply test",
      visibility: "private",
    });
    const conversation = await waitFor(
      async () => (await api.get("/api/conversations?q=outside%20reply%20test")).body.items[0],
      15_000,
      "conversation",
    );
    await sim.vk.deliverRaw(
      VK.groupId,
      sim.vk.envelope(VK.groupId, "message_reply", {
        id: 999,
        date: Math.floor(Date.now() / 1000),
        peer_id: 1503,
        from_id: -VK.groupId,
        out: 1,
        text: "Answered from the VK app",
        conversation_message_id: 77,
        attachments: [],
      }),
    );
    const recorded = await waitFor(
      async () =>
        (await api.get(`/api/conversations/${conversation.id}/messages`)).body.items.find(
          (m: { text: string }) => m.text === "Answered from the VK app",
        ),
      15_000,
      "the outside reply",
    );
    expect(recorded).toMatchObject({
      direction: "out",
      author: { kind: "account" },
      deliveryStatus: "delivered",
    });
    expect((await api.get(`/api/conversations/${conversation.id}`)).body.awaitingReply).toBe(false);
  });

  it("holds the channel for an admin when the token is revoked; the reply waits and goes once resumed", async () => {
    await sim.vk.act(String(VK.groupId), {
      person: { ...person, id: 1502, firstName: "Revoked" },
      text: "token test",
      visibility: "private",
    });
    const conversation = await waitFor(
      async () => (await api.get("/api/conversations?q=token%20test")).body.items[0],
      15_000,
      "conversation",
    );
    // The community's token no longer matches what the fake knows: VK answers error 5.
    sim.vk.addCommunity({ ...VK, accessToken: "rotated-token", callbackUrl: webhookUrl });
    await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "will wait",
      visibility: "private",
    });
    const waiting = await waitFor(
      async () =>
        (await api.get(`/api/conversations/${conversation.id}/messages`)).body.items.find(
          (m: { text: string; deliveryStatus: string; deliveryError: string | null }) =>
            m.text === "will wait" && m.deliveryStatus === "queued" && m.deliveryError,
        ),
      15_000,
      "the reply waiting for the channel",
    );
    expect(waiting.deliveryError).toMatch(/VK error 5/);
    const channels = (await api.get("/api/channels")).body.items;
    expect(channels[0]).toMatchObject({ status: "needs_reauth", statusReason: "VK error 5" });
    // The token works again (an admin fixed it in VK): resumed by hand, the reply goes out once.
    sim.vk.addCommunity({ ...VK, callbackUrl: webhookUrl });
    expect((await api.post(`/api/channels/${channels[0].id}/resume`, {})).status).toBe(200);
    await waitFor(
      async () =>
        (await api.get(`/api/conversations/${conversation.id}/messages`)).body.items.some(
          (m: { text: string; deliveryStatus: string }) =>
            m.text === "will wait" && m.deliveryStatus === "delivered",
        ),
      15_000,
      "delivery after the resume",
    );
    // One call refused with error 5 while the token was revoked, one after the resume; nothing in between.
    expect(
      sim.state.callsOf("vk", "messages.send").filter((c) => c.params.message === "will wait"),
    ).toHaveLength(2);
  });
});
