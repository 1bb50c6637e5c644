import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversationMatching } from "../support/metaWebhookKit.ts";
import {
  connectVkCommunity,
  type SimulatedParley,
  startSimulatedParley,
} from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { waitFor } from "../support/testParley.ts";

const VK = {
  groupId: 5151,
  accessToken: "vk-echo-token",
  secretKey: "vk-echo-secret",
  confirmationCode: "e1c2h3o4",
  name: "Nordmart",
};

interface Message {
  direction: string;
  text: string;
  automatedBy: string | null;
  deliveryStatus: string;
  author: { kind: string };
}

/**
 * VK tells the community's server about the community's own messages (message_reply), often before
 * messages.send has answered. Such an echo of what Parley sent is that message, not an answer someone wrote in
 * VK's app: the bot's "a person will join" must not pass for a person's first response.
 */
describe.each(dbTargets())("VK echoes of Parley's own messages on $name", (target) => {
  let setup: SimulatedParley;
  let personId = 8100;
  const messagesOf = async (conversationId: string): Promise<Message[]> =>
    (await setup.api.get(`/api/conversations/${conversationId}/messages`)).body.items;
  const write = (text: string, id = personId++) =>
    setup.sim.vk.act(String(VK.groupId), {
      person: { id, firstName: "Oksana", lastName: String(id), languageCode: "ru" },
      text,
      visibility: "private",
    });
  const rows = async <T>(statement: ReturnType<typeof sql>) =>
    ((await setup.app.parley.database.db.execute(statement)) as unknown as { rows: T[] }).rows;
  const firstResponseClock = async (conversationId: string) =>
    (await setup.api.get(`/api/conversations/${conversationId}`)).body.sla.find(
      (c: { metric: string }) => c.metric === "first_response",
    );

  beforeAll(async () => {
    setup = await startSimulatedParley(target);
    await connectVkCommunity(setup.api, setup.sim, VK);
    const article = await setup.api.post("/api/playbook/articles", {
      title: "Сколько стоит доставка по Риге?",
      body: "Доставка по Риге стоит 3 евро, от 50 евро — бесплатно. Курьер привозит заказ на следующий день.",
      language: "ru",
      categoryKey: "delivery",
      published: true,
    });
    expect(article.status).toBe(201);
    const settings = await setup.api.request("PUT", "/api/triage/settings", {
      bot: { enabled: true, minConfidence: 0.6, answerPublic: false, reviewRate: 0 },
    });
    expect(settings.status).toBe(200);
  });

  afterAll(async () => {
    await setup?.app.stop();
    await setup?.sim.stop();
  });

  it("takes the echo of the bot's hand-over notice, arriving before messages.send answers, as that notice", async () => {
    const release = setup.sim.vk.holdSendAnswers();
    try {
      await write("Можно ли забронировать стиральную машину в магазине на Бривибас?");
      const conversation = await conversationMatching(setup.api, "забронировать стиральную машину");
      // The echo is in and handled while Parley still waits for messages.send to answer.
      await waitFor(
        async () =>
          (
            await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM raw_events
              WHERE payload->>'type' = 'message_reply' AND status = 'processed'
                AND (payload->'object'->>'peer_id')::bigint = ${personId - 1}`)
          )[0]!.n === 1,
        15_000,
        "the echo handled",
      );
      release();
      const notice = await waitFor(
        async () => {
          const ours = (await messagesOf(conversation.id)).filter((m) => m.direction === "out");
          return ours.length === 1 && ours[0]!.deliveryStatus === "delivered" ? ours[0] : null;
        },
        15_000,
        "one delivered notice",
      );
      expect(notice.automatedBy).toBe("bot:handover");
      expect(notice.text).toContain("сотрудник");
      const after = (await setup.api.get(`/api/conversations/${conversation.id}`)).body;
      expect(after.awaitingReply).toBe(true);
      expect(after.firstResponseAt).toBeNull();
      expect((await firstResponseClock(conversation.id)).state).toBe("running");
      const platformAppReplies = await rows<{ n: number }>(sql`SELECT count(*)::int AS n
        FROM conversation_events WHERE conversation_id = ${conversation.id}
          AND type = 'agent_replied' AND details->>'fromPlatformApp' = 'true'`);
      expect(platformAppReplies[0]!.n).toBe(0);
    } finally {
      release();
    }
  });

  it("takes the echo of a public reply, arriving before wall.createComment answers, as that reply", async () => {
    const id = personId++;
    await setup.sim.vk.act(String(VK.groupId), {
      person: { id, firstName: "Pavel", lastName: String(id), languageCode: "ru" },
      text: "Когда откроется новый пункт выдачи в Риге?",
      visibility: "public",
    });
    const conversation = await conversationMatching(setup.api, "новый пункт выдачи");
    const release = setup.sim.vk.holdSendAnswers();
    try {
      const reply = await setup.api.post(`/api/conversations/${conversation.id}/messages`, {
        text: "Откроем в понедельник!",
        visibility: "public",
      });
      expect(reply.status).toBe(202);
      await waitFor(
        async () =>
          (
            await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM raw_events
              WHERE payload->>'type' = 'wall_reply_new' AND status = 'processed'
                AND payload->'object'->>'text' = 'Откроем в понедельник!'`)
          )[0]!.n === 1,
        15_000,
        "the echo handled",
      );
      release();
      const ours = await waitFor(
        async () => {
          const found = (await messagesOf(conversation.id)).filter(
            (m) => m.text === "Откроем в понедельник!",
          );
          return found.length === 1 && found[0]!.deliveryStatus === "delivered" ? found : null;
        },
        15_000,
        "one delivered reply",
      );
      expect(ours[0]!.author.kind).toBe("agent");
      const platformAppReplies = await rows<{ n: number }>(sql`SELECT count(*)::int AS n
        FROM conversation_events WHERE conversation_id = ${conversation.id}
          AND type = 'agent_replied' AND details->>'fromPlatformApp' = 'true'`);
      expect(platformAppReplies[0]!.n).toBe(0);
    } finally {
      release();
    }
  });

  it("still counts an answer written in VK's own app as the first response", async () => {
    const id = personId++;
    await write("Можно ли оплатить заказ частями через банк?", id);
    const conversation = await conversationMatching(setup.api, "оплатить заказ частями");
    await waitFor(
      async () => (await messagesOf(conversation.id)).some((m) => m.automatedBy === "bot:handover"),
      15_000,
      "the hand-over",
    );
    // Someone at the shop answers from VK's interface: no random_id of Parley's.
    await setup.sim.vk.deliverRaw(
      VK.groupId,
      setup.sim.vk.envelope(VK.groupId, "message_reply", {
        id: 90_001,
        date: Math.floor(Date.now() / 1000),
        peer_id: id,
        from_id: -VK.groupId,
        out: 1,
        random_id: 0,
        text: "Да, можно, оформим в магазине.",
        conversation_message_id: 50,
        attachments: [],
      }),
    );
    const answer = await waitFor(
      async () =>
        (await messagesOf(conversation.id)).find((m) => m.text === "Да, можно, оформим в магазине."),
      15_000,
      "the answer from VK's app",
    );
    expect(answer.author.kind).toBe("account");
    await waitFor(
      async () => (await firstResponseClock(conversation.id)).state === "met",
      15_000,
      "the first response met",
    );
    expect((await setup.api.get(`/api/conversations/${conversation.id}`)).body.awaitingReply).toBe(false);
  });
});
