import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mentionSignature } from "../../src/channels/web/mentionSignature.ts";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import type { Db } from "../../src/store/database.ts";
import { pollDueFeeds } from "../../src/worker/feedPoller.ts";
import { ApiClient } from "../support/apiClient.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const review = (n: number, text: string, guid: string | null = `rev-${n}`) => ({
  guid,
  title: `Review ${n}`,
  html: `<p>${text}</p>`,
  author: `Reviewer ${n}`,
  link: `https://reviews.example/r/${n}`,
  published: new Date(Date.UTC(2026, 11, 5, 10, n)),
});

describe.each(dbTargets())("The open web on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let api: ApiClient;
  let db: Db;
  const channelOf: Record<string, string> = {};

  const rows = async <T>(query: ReturnType<typeof sql>) =>
    ((await db.execute(query)) as unknown as { rows: T[] }).rows;
  const rawCount = async (channelId: string) =>
    (
      await rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM raw_events WHERE channel_id = ${channelId}`,
      )
    )[0]!.n;
  const feedState = async (channelId: string) =>
    (await rows<Record<string, unknown>>(sql`SELECT * FROM web_feeds WHERE channel_id = ${channelId}`))[0]!;
  const makeDue = () => db.execute(sql`UPDATE web_feeds SET next_poll_at = now() - interval '1 second'`);
  const addFeed = async (name: string, format: "rss" | "atom") => {
    sim.feeds.addFeed({
      name,
      format,
      title: `Site ${name}`,
      siteUrl: `https://${name}.example/`,
      language: "en",
    });
    const created = await api.post("/api/channels", {
      platform: "web",
      name: `Feed ${name}`,
      settings: { kind: "feed", url: sim.feeds.urlOf(sim.url, name), pollIntervalSeconds: 600 },
    });
    expect(created.status).toBe(201);
    channelOf[name] = created.body.id;
  };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    // The tests poll by hand, as several worker processes would, to see each poll's requests.
    app = await startTestParley(target, { workerOptions: { pollFeeds: false } });
    db = app.parley.database.db;
    api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const topic = await api.post("/api/listening/topics", {
      name: "Nordmart",
      kind: "brand",
      query: "nordmart",
    });
    expect(topic.status).toBe(201);
    await addFeed("reviews", "rss");
    await addFeed("forum", "atom");
    await addFeed("broken", "rss");
    sim.feeds.addItem("reviews", review(1, "Nordmart delivered late"));
    sim.feeds.addItem("reviews", review(2, "Great prices at Nordmart, thanks"));
    sim.feeds.addItem("forum", review(3, "Anyone ordered from Nordmart?"));
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });
  beforeEach(() => sim.feeds.setDelay(0));

  it("polls each feed, stores its items, and sends the validators next time; a 304 stores nothing", async () => {
    sim.feeds.setMode("broken", "ok");
    expect(await pollDueFeeds(db, { owner: "worker-a" })).toBe(3);
    expect(await rawCount(channelOf.reviews!)).toBe(2);
    expect(await rawCount(channelOf.forum!)).toBe(1);
    const first = sim.feeds.requests().filter((r) => r.feed === "reviews");
    expect(first).toEqual([
      expect.objectContaining({ ifNoneMatch: null, ifModifiedSince: null, status: 200 }),
    ]);
    const state = await feedState(channelOf.reviews!);
    expect(state.etag).toMatch(/^".+"$/);
    expect(state.last_modified).toMatch(/GMT$/);
    // Not due yet: nothing is polled before the feed's interval is over.
    expect(await pollDueFeeds(db, { owner: "worker-a" })).toBe(0);

    await makeDue();
    await pollDueFeeds(db, { owner: "worker-a" });
    const second = sim.feeds.requests().filter((r) => r.feed === "reviews")[1]!;
    expect(second).toMatchObject({
      ifNoneMatch: state.etag,
      ifModifiedSince: state.last_modified,
      status: 304,
    });
    expect(await rawCount(channelOf.reviews!)).toBe(2);
    expect(await feedState(channelOf.reviews!)).toMatchObject({ last_status: 304, consecutive_failures: 0 });
  });

  it("stores a new item once, whatever the feed repeats across polls", async () => {
    sim.feeds.addItem("reviews", review(4, "Nordmart lost my parcel, where is it?"));
    sim.feeds.addItem("reviews", review(5, "An item without a guid", null));
    await makeDue();
    await pollDueFeeds(db, { owner: "worker-a" });
    expect(await rawCount(channelOf.reviews!)).toBe(4);
    sim.feeds.addItem("reviews", review(6, "Yet another"));
    await makeDue();
    await pollDueFeeds(db, { owner: "worker-b" });
    expect(await rawCount(channelOf.reviews!)).toBe(5);
    const keys = await rows<{ dedup_key: string }>(
      sql`SELECT dedup_key FROM raw_events WHERE channel_id = ${channelOf.reviews!} ORDER BY dedup_key`,
    );
    expect(keys.map((k) => k.dedup_key)).toContain("link:https://reviews.example/r/5");
    const messages = await waitFor(
      async () => {
        const found = await rows<{ text: string }>(
          sql`SELECT text FROM messages WHERE channel_id = ${channelOf.reviews!} AND direction = 'in'`,
        );
        return found.length === 5 ? found : undefined;
      },
      15_000,
      "five web messages",
    );
    expect(messages.map((m) => m.text)).toContain("Review 4\n\nNordmart lost my parcel, where is it?");
  });

  it("brings web mentions to listening: a question becomes a ticket in the inbox, a passing remark stays listening's", async () => {
    const mentions = await waitFor(
      async () => {
        const items = (await api.get("/api/listening/mentions?source=web&limit=200")).body.items as {
          text: string;
          decision: string;
          conversationId: string;
        }[];
        return items.length >= 4 ? items : undefined;
      },
      15_000,
      "web mentions in listening",
    );
    const question = mentions.find((m) => m.text.includes("where is it?"))!;
    const remark = mentions.find((m) => m.text.includes("Great prices"))!;
    expect(question.decision).toBe("ticket");
    expect(remark.decision).toBe("record");
    const inbox = await waitFor(
      async () => {
        const ids = ((await api.get("/api/conversations?limit=100")).body.items as { id: string }[]).map(
          (c) => c.id,
        );
        return ids.includes(question.conversationId) ? ids : undefined;
      },
      15_000,
      "the ticket in the inbox",
    );
    expect(inbox).not.toContain(remark.conversationId);
  });

  it("marks a broken feed failing with its reason and backs off, while the others go on", async () => {
    sim.feeds.setMode("broken", "not_xml");
    sim.feeds.addItem("forum", review(7, "Nordmart again"));
    await makeDue();
    await pollDueFeeds(db, { owner: "worker-a" });
    const broken = await feedState(channelOf.broken!);
    expect(broken).toMatchObject({ failure_code: "not_a_feed", consecutive_failures: 1, last_status: 200 });
    expect(String(broken.failure_reason)).toMatch(/not an RSS or Atom document/);
    expect(Date.parse(String(broken.next_poll_at))).toBeGreaterThan(Date.now() + 500_000);
    expect(await rawCount(channelOf.forum!)).toBe(2);
    expect((await feedState(channelOf.forum!)).failing_since).toBeNull();

    sim.feeds.setMode("broken", "http_500");
    await makeDue();
    await pollDueFeeds(db, { owner: "worker-a" });
    const again = await feedState(channelOf.broken!);
    expect(again).toMatchObject({ failure_code: "http_error", consecutive_failures: 2, last_status: 500 });
    // The second failure in a row waits twice the interval.
    expect(Date.parse(String(again.next_poll_at)) - Date.now()).toBeGreaterThan(1_100_000);

    const health = await api.get(`/api/channels/${channelOf.broken!}/health`);
    expect(health.status).toBe(200);
    expect(health.body.findings[0]).toMatchObject({
      key: "feed_failing",
      severity: "error",
      data: { code: "http_error", failures: 2, reason: "The feed answered HTTP 500 Internal Server Error" },
    });
    expect(health.body.feed).toMatchObject({ consecutiveFailures: 2, failureCode: "http_error" });

    sim.feeds.setMode("broken", "ok");
    await makeDue();
    await pollDueFeeds(db, { owner: "worker-a" });
    expect(await feedState(channelOf.broken!)).toMatchObject({
      failing_since: null,
      consecutive_failures: 0,
    });
  });

  it("skips a malformed item with its reason counted and keeps the feed running", async () => {
    sim.feeds.setMode("forum", "malformed_item");
    sim.feeds.addItem("forum", review(8, "Nordmart answered quickly"));
    await makeDue();
    await pollDueFeeds(db, { owner: "worker-a" });
    const forum = await feedState(channelOf.forum!);
    expect(forum).toMatchObject({ failing_since: null, items_skipped: 1 });
    expect(forum.last_skip_reason).toMatch(/no title, text or link/);
    expect(await rawCount(channelOf.forum!)).toBe(3);
    const health = await api.get(`/api/channels/${channelOf.forum!}/health`);
    expect(health.body.findings.map((f: { key: string }) => f.key)).toContain("feed_items_skipped");
    sim.feeds.setMode("forum", "ok");
  });

  it("never lets two workers poll the same feed at once", async () => {
    sim.feeds.setDelay(250);
    const before = sim.feeds.requests().length;
    await makeDue();
    const polled = await Promise.all([
      pollDueFeeds(db, { owner: "worker-a" }),
      pollDueFeeds(db, { owner: "worker-b" }),
      pollDueFeeds(db, { owner: "worker-c" }),
    ]);
    expect(polled.reduce((a, b) => a + b, 0)).toBe(3);
    expect(sim.feeds.requests().length - before).toBe(3);
    expect(sim.feeds.maxConcurrent()).toBe(1);

    // A lease still held by a worker that died keeps the feed from others until it expires.
    await makeDue();
    await db.execute(
      sql`UPDATE web_feeds SET lease_owner = 'dead-worker', lease_until = now() + interval '1 minute' WHERE channel_id = ${channelOf.reviews!}`,
    );
    expect(await pollDueFeeds(db, { owner: "worker-a" })).toBe(2);
    await db.execute(
      sql`UPDATE web_feeds SET lease_until = now() - interval '1 second' WHERE channel_id = ${channelOf.reviews!}`,
    );
    expect(await pollDueFeeds(db, { owner: "worker-a" })).toBe(1);
  });

  it("reads a feed whose address changed afresh, without the old address's validators", async () => {
    const moved = `${sim.feeds.urlOf(sim.url, "reviews")}?format=rss`;
    const patched = await api.request("PATCH", `/api/channels/${channelOf.reviews!}`, {
      settings: { url: moved },
    });
    expect(patched.status).toBe(200);
    const before = await rawCount(channelOf.reviews!);
    await makeDue();
    await pollDueFeeds(db, { owner: "worker-a" });
    const last = sim.feeds
      .requests()
      .filter((r) => r.feed === "reviews")
      .at(-1)!;
    expect(last).toMatchObject({ ifNoneMatch: null, ifModifiedSince: null, status: 200 });
    // The same items under the new address are the same items: nothing is stored twice.
    expect(await rawCount(channelOf.reviews!)).toBe(before);
    expect((await feedState(channelOf.reviews!)).validators_url).toBe(moved);
  });

  describe("the mention webhook", () => {
    let webhookUrl: string;
    let secret: string;
    let channelId: string;
    const body = JSON.stringify({
      id: "monitor-1",
      url: "https://news.example.lv/raksts/1",
      title: "Nordmart atbild lēni",
      text: "Klienti sūdzas par Nordmart atbalstu. Kāpēc tik ilgi?",
      author: "Ilze",
      published_at: "2026-12-05T16:00:00Z",
      site: "news.example.lv",
      language: "lv",
    });
    const push = (payload: string, signature: string) =>
      fetch(webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-parley-signature": signature },
        body: payload,
      });
    const now = () => Math.floor(Date.now() / 1000);

    beforeAll(async () => {
      const created = await api.post("/api/channels", {
        platform: "web",
        name: "Monitoring service",
        settings: { kind: "webhook" },
      });
      expect(created.status).toBe(201);
      ({ webhookUrl, id: channelId } = created.body);
      secret = created.body.generatedSecrets.secret;
      expect(secret.length).toBeGreaterThanOrEqual(40);
      const listed = await api.get("/api/channels");
      const mine = listed.body.items.find((c: { id: string }) => c.id === channelId);
      expect(JSON.stringify(mine)).not.toContain(secret);
      expect(mine.secretsSet).toEqual(["secret"]);
    });

    it("refuses a forged signature with 401 and stores nothing", async () => {
      const res = await push(body, mentionSignature(body, "not-the-secret-at-all-000000", now()));
      expect(res.status).toBe(401);
      expect(await rawCount(channelId)).toBe(0);
    });

    it("refuses a replayed request signed more than five minutes ago", async () => {
      const res = await push(body, mentionSignature(body, secret, now() - 301));
      expect(res.status).toBe(401);
      expect((await res.json()).error.message).toMatch(/300 s/);
      expect(await rawCount(channelId)).toBe(0);
    });

    it("answers a malformed mention 400 naming the field, and stores no event", async () => {
      const bad = JSON.stringify({ url: "https://a.example/", text: "no date" });
      const res = await push(bad, mentionSignature(bad, secret, now()));
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(/^published_at: /);
      expect(await rawCount(channelId)).toBe(0);
    });

    it("stores a signed mention before answering, once however often it is pushed", async () => {
      const res = await push(body, mentionSignature(body, secret, now()));
      expect(res.status).toBe(200);
      expect(await rawCount(channelId)).toBe(1);
      expect((await push(body, mentionSignature(body, secret, now()))).status).toBe(200);
      expect(await rawCount(channelId)).toBe(1);
      const conversation = await waitFor(
        async () => (await api.get("/api/conversations?q=atbalstu")).body.items[0],
        15_000,
        "the mention's conversation",
      );
      expect(conversation).toMatchObject({
        channel: { platform: "web" },
        answersOnSite: true,
        sitePage: "https://news.example.lv/raksts/1",
        replyOptions: { public: false, private: false },
      });
    });

    it("records an answer given on the site: who and when, no outbox, the first response counted", async () => {
      const conversation = (await api.get("/api/conversations?q=atbalstu")).body.items[0];
      const res = await api.post(`/api/conversations/${conversation.id}/site-answers`, {
        text: "Atvainojamies, sazināsimies ar jums.",
      });
      expect(res.status).toBe(201);
      expect(res.body.message).toMatchObject({
        direction: "out",
        text: "Atvainojamies, sazināsimies ar jums.",
        deliveryStatus: "delivered",
        author: { kind: "agent" },
        answeredOnSiteAt: expect.any(String),
      });
      const outbox = await rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM outbox WHERE conversation_id = ${conversation.id}`,
      );
      expect(outbox[0]!.n).toBe(0);
      const after = (await api.get(`/api/conversations/${conversation.id}`)).body;
      expect(after.firstResponseAt).toEqual(expect.any(String));
      expect(after.awaitingReply).toBe(false);
      const audit = await rows<{ action: string }>(
        sql`SELECT action FROM audit_log WHERE target_id = ${conversation.id}::text AND action = 'reply.answered_on_site'`,
      );
      expect(audit).toHaveLength(1);
      // Without text, it is still recorded.
      expect((await api.post(`/api/conversations/${conversation.id}/site-answers`, {})).status).toBe(201);
    });

    it("records a site answer on a feed mention too, and answers 404 for a missing conversation", async () => {
      const reviews = await rows<{ id: string }>(
        sql`SELECT id FROM conversations WHERE channel_id = ${channelOf.reviews!} LIMIT 1`,
      );
      expect((await api.post(`/api/conversations/${reviews[0]!.id}/site-answers`, {})).status).toBe(201);
      const missing = await api.post(
        "/api/conversations/00000000-0000-4000-8000-000000000000/site-answers",
        {},
      );
      expect(missing.status).toBe(404);
    });
  });
});
