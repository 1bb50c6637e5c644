import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectSpikes } from "../../src/listening/spikeDetector.ts";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { ApiClient } from "../support/apiClient.ts";
import { connectFacebookPage } from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const APP = { appId: "1234567890", appSecret: "listening-app-secret", verifyToken: "listening-verify" };
const PAGE = { pageId: "515000515", name: "Nordmart", accessToken: "listening-page-token" };

interface MentionItem {
  id: number;
  text: string;
  sentiment: string;
  language: string;
  decision: string;
  conversationId: string;
  subjects: string[];
  hits: { variant: string; kind: string; start: number; end: number }[];
}

describe.each(dbTargets())("Listening on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let api: ApiClient;
  let receiver: Server;
  let receiverUrl: string;
  const alertsPosted: Record<string, unknown>[] = [];
  let person = 7000;
  const comment = (text: string, firstName = "Pat") =>
    sim.facebook.act(PAGE.pageId, {
      person: { id: ++person, firstName, lastName: `Customer${person}`, languageCode: "en" },
      text,
      visibility: "public",
    });
  const mentions = async (query = "") =>
    (await api.get(`/api/listening/mentions?limit=200${query}`)).body.items as MentionItem[];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let raw = "";
      req.on("data", (chunk) => {
        raw += chunk;
      });
      req.on("end", () => {
        alertsPosted.push(JSON.parse(raw));
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
    sim = await startSimulator({ port: 0 });
    app = await startTestParley(target, { workerOptions: { spikeIntervalMs: 300 } });
    api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await connectFacebookPage(api, sim, APP, PAGE);
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it("refuses an invalid query and says where the error is", async () => {
    const bad = await api.post("/api/listening/topics", {
      name: "Broken",
      kind: "brand",
      query: 'nordmart AND ("bonus programme" OR',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_query");
    expect(bad.body.error.details.position).toEqual(expect.any(Number));
    expect((await api.post("/api/listening/preview", { query: "nordmart NEAR/x bonus" })).status).toBe(400);
    expect((await api.get("/api/listening/topics")).body.items).toEqual([]);
  });

  it("previews the generated variants and what the query finds in recent messages before saving", async () => {
    await comment("nordmrat still has not refunded my money");
    await waitFor(
      async () => (await api.get("/api/conversations?q=refunded")).body.items.length > 0,
      15_000,
      "the comment",
    );
    const preview = await api.post("/api/listening/preview", { query: "nordmart" });
    expect(preview.status).toBe(200);
    const variants = preview.body.terms[0].variants as { text: string; kind: string }[];
    expect(variants[0]).toMatchObject({ text: "nordmart", kind: "original" });
    expect(variants.map((v) => v.kind)).toEqual(
      expect.arrayContaining(["transliteration", "layout", "misspelling"]),
    );
    expect(variants.some((v) => v.text === "нордмарт")).toBe(true);
    expect(preview.body.matches.some((m: { text: string }) => m.text.includes("nordmrat"))).toBe(true);
  });

  it("finds the brand however it is written, stores each message once, with language, sentiment and triage", async () => {
    const topic = await api.post("/api/listening/topics", {
      name: "Nordmart",
      kind: "brand",
      query: "nordmart OR #nordmart OR @nordmart",
    });
    expect(topic.status).toBe(201);
    for (const text of [
      "Нордмарта доставка опять опоздала, это ужасно!",
      "тщквьфке где мой заказ?",
      "Paldies, Nordmartā viss ātri un lieliski!",
      "#nordmart love the new store",
      "nordmart nordmart NORDMART why so many ads",
      "Walmart and Lidl are open on Sunday",
    ])
      await comment(text);
    const found = await waitFor(
      async () => {
        const items = await mentions();
        return items.length >= 6 ? items : null;
      },
      20_000,
      "six mentions",
    );
    const byText = (part: string) => found.filter((m) => m.text.includes(part));
    // The comment posted before the topic existed is found too: listening catches up on unread messages.
    expect(byText("refunded")).toHaveLength(1);
    expect(byText("ужасно")[0]).toMatchObject({ language: "ru", sentiment: "negative", decision: "ticket" });
    expect(byText("тщквьфке")[0]!.hits[0]!.kind).toBe("layout");
    expect(byText("Paldies")[0]).toMatchObject({ language: "lv", sentiment: "positive" });
    expect(byText("why so many ads")).toHaveLength(1);
    expect(byText("Walmart")).toHaveLength(0);
    const negative = await mentions("&sentiment=negative");
    expect(negative.every((m) => m.sentiment === "negative")).toBe(true);
    expect(negative.some((m) => m.text.includes("ужасно"))).toBe(true);
  });

  it("raises one alert for a burst of complaints about one subject, links its tickets, and posts it to the webhook", async () => {
    const settings = await api.request("PUT", "/api/listening/settings", {
      minReach: 0,
      ticketOnNegative: true,
      ticketOnQuestion: true,
      spikeWindowMinutes: 10,
      spikeMinCount: 5,
      spikeFactor: 3,
      alertWebhookUrl: receiverUrl,
    });
    expect(settings.status).toBe(200);
    for (let i = 0; i < 8; i++)
      await comment(`Nordmart courier never came again, order ${1000 + i}, terrible!`);
    await waitFor(
      async () => (await mentions()).filter((m) => m.text.includes("courier never came")).length === 8,
      20_000,
      "the eight mentions",
    );
    // The topic began listening moments ago: it has no usual to compare with yet, so nothing is a burst.
    const { db } = app.parley.database;
    expect(await detectSpikes(db)).toBe(0);
    expect((await api.get("/api/listening/alerts")).body.items).toEqual([]);
    // Two quiet hours later, the same eight complaints in ten minutes stand out.
    await db.execute(sql`UPDATE listening_topics SET created_at = now() - interval '2 hours'`);
    const alert = await waitFor(
      async () =>
        (
          (await api.get("/api/listening/alerts")).body.items as {
            id: number;
            subject: string;
            kind: string;
          }[]
        ).find((a) => a.subject === "courie" && a.kind === "volume"),
      20_000,
      "the alert",
    );
    // The alert can be raised while the last comments are still being analysed; they join it on the next pass.
    const linked = await waitFor(
      async () => {
        const found = await mentions(`&alertId=${alert.id}`);
        return found.length >= 8 ? found : undefined;
      },
      20_000,
      "all eight mentions linked to the alert",
    );
    expect(linked.length).toBeGreaterThanOrEqual(8);
    expect(linked.every((m) => m.subjects.includes("courie") && m.conversationId)).toBe(true);
    await waitFor(
      async () => alertsPosted.find((a) => a.alertId === alert.id && a.subject === "courie"),
      15_000,
      "the webhook post",
    );
    // The storm goes on, but it is one alert, not one per detector pass.
    await comment("Nordmart courier lost my parcel, terrible");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const alerts = (await api.get("/api/listening/alerts")).body.items as { subject: string; kind: string }[];
    expect(alerts.filter((a) => a.subject === "courie")).toHaveLength(1);
    // The storm's other key terms describe the same complaints: no second alert for them.
    expect(alerts.filter((a) => ["never", "teribl"].includes(a.subject))).toEqual([]);
  });

  it("keeps a topic's parent-company and product aliases, refuses empty, long and repeated ones, and finds mentions by them", async () => {
    const base = { name: "Elektrika", kind: "competitor", query: "elektrika -vakance" };
    const refused = async (aliases: { text: string; kind: string }[]) => {
      const answer = await api.post("/api/listening/topics", { ...base, aliases });
      expect(answer.status).toBe(400);
      return answer.body.error.message as string;
    };
    expect(await refused([{ text: "  ", kind: "parent" }])).toContain("Alias 1 is empty");
    expect(
      await refused([
        { text: "Elektrika Group", kind: "parent" },
        { text: "x".repeat(101), kind: "product" },
      ]),
    ).toContain("Alias 2 is longer than 100 characters");
    expect(
      await refused([
        { text: "Volta Pay", kind: "product" },
        { text: "VOLTA-pay", kind: "product" },
      ]),
    ).toContain('Alias 2 ("VOLTA-pay") repeats alias 1');
    expect(await refused([{ text: "Volta", kind: "sister" }])).toContain("aliases.0.kind");

    const aliases = [
      { text: "Elektrika Group", kind: "parent" },
      { text: "Volta Pay", kind: "product" },
    ];
    const preview = await api.post("/api/listening/preview", { query: base.query, aliases });
    expect(preview.status).toBe(200);
    const aliasTerm = (
      preview.body.terms as { term: string; alias: boolean; variants: { text: string }[] }[]
    ).find((t) => t.term === "Volta Pay");
    expect(aliasTerm?.alias).toBe(true);
    expect(aliasTerm?.variants.map((v) => v.text)).toEqual(expect.arrayContaining(["volta pay", "voltapay"]));

    const created = await api.post("/api/listening/topics", { ...base, aliases });
    expect(created.status).toBe(201);
    expect(created.body.aliases).toEqual(aliases);
    const listed = (await api.get("/api/listening/topics")).body.items as { id: string; aliases: unknown }[];
    expect(listed.find((t) => t.id === created.body.id)?.aliases).toEqual(aliases);

    await comment("Elektrika Group announced its yearly results");
    await comment("paid with VoltaPay and it failed twice");
    await comment("Elektrika Group vakance: pārdevējs");
    const found = await waitFor(
      async () => {
        const items = await mentions(`&topicId=${created.body.id}`);
        return items.length >= 2 ? items : null;
      },
      20_000,
      "two alias mentions",
    );
    expect(found.map((m) => m.text).sort()).toEqual([
      "Elektrika Group announced its yearly results",
      "paid with VoltaPay and it failed twice",
    ]);
  });
});
