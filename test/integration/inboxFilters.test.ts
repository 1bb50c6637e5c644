import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TgUpdate } from "../../src/channels/telegram/telegramTypes.ts";
import type { RunningSimulator } from "../../src/simulator/simulatorServer.ts";
import { ApiClient } from "../support/apiClient.ts";
import { startSimulatedParley } from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { type TestParley, waitFor } from "../support/testParley.ts";

const ALPHA_BOT = { token: "555000611:alpha-token", username: "alpha_help_bot", firstName: "Alpha" };
const BETA_BOT = { token: "555000622:beta-token", username: "beta_help_bot", firstName: "Beta" };
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

const RUSSIAN = "Здравствуйте, где мой заказ? Жду уже третий день, курьер не звонит";
const POLISH = "Dzień dobry, gdzie jest moja paczka? Czekam już trzeci dzień, kurier nie dzwoni";

interface Summary {
  id: string;
  contact: { displayName: string };
  language: string | null;
  labels: string[];
  teamId: string | null;
  lastMessagePreview: string;
}

/**
 * Eight customers, two per (team, language) pair and then some: customer i writes Russian when i is even and
 * Polish when odd, into the Alpha team's bot for i < 4 and Beta's otherwise; labels "vip" on every i but
 * i % 3 == 2, "refund" too when i % 3 == 0.
 */
const CUSTOMERS = Array.from({ length: 8 }, (_, i) => ({
  i,
  name: `Filter${i} Customer`,
  team: i < 4 ? "alpha" : "beta",
  language: i % 2 === 0 ? ("ru" as const) : ("pl" as const),
  labels: i % 3 === 0 ? ["vip", "refund"] : i % 3 === 1 ? ["vip"] : [],
}));

function namesOf(items: Summary[]): string[] {
  return items.map((c) => c.contact.displayName).sort();
}

function expected(match: (c: (typeof CUSTOMERS)[number]) => boolean): string[] {
  return CUSTOMERS.filter(match)
    .map((c) => c.name)
    .sort();
}

describe.each(dbTargets())("inbox filters by team, category, label and language on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let admin: ApiClient;
  let alice: ApiClient;
  let bob: ApiClient;
  let alpha: string;
  let beta: string;
  const byName = new Map<string, Summary>();
  const firstUpdates = new Map<string, TgUpdate>();

  /** Every page of a filtered list, following the cursor; fails on a repeated row. */
  async function allPages(client: ApiClient, query: string, limit: number): Promise<Summary[]> {
    const seen: Summary[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const answer = await client.get(
        `/api/conversations?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(answer.status).toBe(200);
      expect(answer.body.items.length).toBeLessThanOrEqual(limit);
      seen.push(...answer.body.items);
      cursor = answer.body.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(seen.map((c) => c.id)).size).toBe(seen.length);
    return seen;
  }

  beforeAll(async () => {
    ({ app, sim, api: admin } = await startSimulatedParley(target));
    alpha = (await admin.post("/api/teams", { name: "Alpha" })).body.id;
    beta = (await admin.post("/api/teams", { name: "Beta" })).body.id;
    for (const [bot, teamId] of [
      [ALPHA_BOT, alpha],
      [BETA_BOT, beta],
    ] as const) {
      sim.telegram.addBot(bot);
      const created = await admin.post("/api/channels", {
        platform: "telegram",
        name: `${bot.firstName} bot`,
        settings: { botToken: bot.token, webhookSecret: `${bot.firstName}-secret`, mode: "webhook" },
        apiBaseUrl: sim.url,
        teamId,
      });
      expect(created.status).toBe(201);
    }
    for (const [email, name, teamId] of [
      ["alice@example.test", "Alice", alpha],
      ["bob@example.test", "Bob", beta],
    ] as const) {
      const created = await admin.post("/api/users", {
        email,
        name,
        role: "agent",
        password: `${name.toLowerCase()}-password-1`,
        teamIds: [teamId],
      });
      expect(created.status).toBe(201);
    }
    alice = await ApiClient.login(app.url, "alice@example.test", "alice-password-1");
    bob = await ApiClient.login(app.url, "bob@example.test", "bob-password-1");

    for (const customer of CUSTOMERS) {
      const outcome = await sim.telegram.act(customer.team === "alpha" ? ALPHA_BOT.token : BETA_BOT.token, {
        person: {
          id: 9600 + customer.i,
          firstName: `Filter${customer.i}`,
          lastName: "Customer",
          languageCode: customer.language,
        },
        text: `${customer.language === "ru" ? RUSSIAN : POLISH} #${customer.i}`,
        visibility: "private",
      });
      expect(outcome.status).toBe(200);
      firstUpdates.set(customer.name, outcome.payload as TgUpdate);
    }
    // Triage detects each conversation's language in the worker.
    const triaged = await waitFor(
      async () => {
        const items = (await admin.get("/api/conversations?limit=100")).body.items as Summary[];
        return items.length === CUSTOMERS.length && items.every((c) => c.language) && items;
      },
      30_000,
      "eight triaged conversations",
    );
    for (const c of triaged) byName.set(c.contact.displayName, c);
    for (const customer of CUSTOMERS) {
      const id = byName.get(customer.name)!.id;
      const labelled = await admin.request("PUT", `/api/conversations/${id}/labels`, {
        labels: customer.labels,
      });
      expect(labelled.status).toBe(200);
    }
  }, 90_000);

  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  it("stores the language triage detected in the customer's words", () => {
    for (const customer of CUSTOMERS) {
      const conversation = byName.get(customer.name)!;
      expect(conversation.language).toBe(customer.language);
      expect(conversation.teamId).toBe(customer.team === "alpha" ? alpha : beta);
    }
  });

  it("filters by one label, by every one of several labels, and by language", async () => {
    const vip = await admin.get("/api/conversations?label=vip");
    expect(namesOf(vip.body.items)).toEqual(expected((c) => c.labels.includes("vip")));
    const both = await admin.get("/api/conversations?label=vip&label=refund");
    expect(namesOf(both.body.items)).toEqual(expected((c) => c.labels.includes("refund")));
    for (const c of both.body.items as Summary[]) expect(c.labels).toEqual(["vip", "refund"]);
    const russian = await admin.get("/api/conversations?language=ru");
    expect(namesOf(russian.body.items)).toEqual(expected((c) => c.language === "ru"));
    const nobody = await admin.get("/api/conversations?language=lv");
    expect(nobody.body.items).toEqual([]);
  });

  it("combines label, language and team filters with each other and with the status and search filters", async () => {
    const polishVip = await admin.get("/api/conversations?language=pl&label=vip");
    expect(namesOf(polishVip.body.items)).toEqual(
      expected((c) => c.language === "pl" && c.labels.includes("vip")),
    );
    const betaRussian = await admin.get(`/api/conversations?teamId=${beta}&language=ru`);
    expect(namesOf(betaRussian.body.items)).toEqual(
      expected((c) => c.team === "beta" && c.language === "ru"),
    );
    // The search indexer runs in the worker: wait until the Polish word finds its conversations at all.
    await waitFor(async () => (await admin.get("/api/conversations?q=paczka")).body.items.length === 4);
    const searched = await admin.get("/api/conversations?label=refund&q=paczka");
    expect(namesOf(searched.body.items)).toEqual(
      expected((c) => c.language === "pl" && c.labels.includes("refund")),
    );
    const resolvedOnly = await admin.get("/api/conversations?label=vip&status=resolved");
    expect(resolvedOnly.body.items).toEqual([]);
  });

  it("pages through a filtered list with the cursor, newest activity first, without gaps or repeats", async () => {
    const vip = await allPages(admin, "label=vip", 2);
    expect(namesOf(vip)).toEqual(expected((c) => c.labels.includes("vip")));
    const full = (await admin.get("/api/conversations?label=vip&limit=100")).body.items as Summary[];
    expect(vip.map((c) => c.id)).toEqual(full.map((c) => c.id));
    const polish = await allPages(admin, "language=pl", 1);
    expect(namesOf(polish)).toEqual(expected((c) => c.language === "pl"));
    const sortedByDue = await allPages(admin, "language=ru&sort=due", 3);
    expect(namesOf(sortedByDue)).toEqual(expected((c) => c.language === "ru"));
  });

  it("never shows an agent another team's conversations through a filter, on any page", async () => {
    const aliceVip = await allPages(alice, "label=vip", 1);
    expect(namesOf(aliceVip)).toEqual(expected((c) => c.team === "alpha" && c.labels.includes("vip")));
    const aliceBeta = await allPages(alice, `teamId=${beta}`, 2);
    expect(aliceBeta).toEqual([]);
    const aliceBetaRussian = await alice.get(`/api/conversations?teamId=${beta}&language=ru&label=vip`);
    expect(aliceBetaRussian.body.items).toEqual([]);
    const bobPolish = await allPages(bob, "language=pl", 1);
    expect(namesOf(bobPolish)).toEqual(expected((c) => c.team === "beta" && c.language === "pl"));
    // Labels in use: an agent learns only those of conversations they may see.
    const aliceLabels = (await alice.get("/api/labels")).body.items;
    expect(aliceLabels).toEqual([
      { label: "vip", count: 3 },
      { label: "refund", count: 2 },
    ]);
    const allLabels = (await admin.get("/api/labels")).body.items;
    expect(allLabels).toEqual([
      { label: "vip", count: 6 },
      { label: "refund", count: 3 },
    ]);
  });

  it("filters by category as triage or an agent set it", async () => {
    const categories = (await admin.get("/api/categories")).body.items as { id: string; key: string }[];
    const category = categories[0]!;
    const target = byName.get("Filter5 Customer")!.id;
    expect(
      (await admin.post(`/api/conversations/${target}/category`, { categoryId: category.id })).status,
    ).toBe(200);
    const listed = (await admin.get(`/api/conversations?categoryId=${category.id}&language=pl`)).body
      .items as Summary[];
    expect(listed.map((c) => c.id)).toContain(target);
    expect(listed.every((c) => byName.get(c.contact.displayName)?.language === "pl")).toBe(true);
    // Alice's team has no Filter5: the category filter does not open Beta to her.
    const aliceListed = (await alice.get(`/api/conversations?categoryId=${category.id}`)).body
      .items as Summary[];
    expect(aliceListed.map((c) => c.id)).not.toContain(target);
  });

  it("answers 400 naming the parameter for an unknown filter value", async () => {
    const cases: [string, string][] = [
      ["language=de", "language"],
      ["language=", "language"],
      [`teamId=${UNKNOWN_ID}`, "teamId"],
      ["teamId=alpha", "teamId"],
      [`categoryId=${UNKNOWN_ID}`, "categoryId"],
      [`channelId=${UNKNOWN_ID}`, "channelId"],
      [`assignee=${UNKNOWN_ID}`, "assignee"],
      ["label=", "label"],
      [`label=${"x".repeat(101)}`, "label"],
      [Array.from({ length: 11 }, (_, i) => `label=l${i}`).join("&"), "label"],
    ];
    for (const [query, parameter] of cases) {
      const answer = await alice.get(`/api/conversations?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code).toBe("invalid_request");
      expect(answer.body.error.message, query).toContain(parameter);
    }
    // A team of another workspace is unknown here, exactly like one that never existed.
    const { rows } = (await app.parley.database.db.execute(
      sql`SELECT gen_random_uuid() AS id`,
    )) as unknown as { rows: { id: string }[] };
    expect((await admin.get(`/api/conversations?teamId=${rows[0]!.id}`)).status).toBe(400);
  });

  it("saves label and language filters in a view shared with a team, which its members and its author see", async () => {
    const shared = await admin.post("/api/views", {
      name: "Alpha Polish VIP",
      filters: { label: ["vip"], language: "pl", teamId: alpha },
      teamId: alpha,
    });
    expect(shared.status).toBe(201);
    // The admin is in no team, yet keeps seeing (and may delete) the view they set up for Alpha.
    const adminViews = (await admin.get("/api/views")).body.items as { name: string; filters: unknown }[];
    expect(adminViews.map((v) => v.name)).toEqual(["Alpha Polish VIP"]);
    const aliceViews = (await alice.get("/api/views")).body.items as {
      name: string;
      filters: { label: string[]; language: string; teamId: string };
      teamName: string;
    }[];
    expect(aliceViews).toHaveLength(1);
    expect(aliceViews[0]).toMatchObject({
      name: "Alpha Polish VIP",
      teamName: "Alpha",
      filters: { label: ["vip"], language: "pl", teamId: alpha },
    });
    expect((await bob.get("/api/views")).body.items).toEqual([]);
    // Applying the view is asking the list for its filters.
    const view = aliceViews[0]!.filters;
    const applied = await alice.get(
      `/api/conversations?${view.label.map((l) => `label=${l}`).join("&")}&language=${view.language}&teamId=${view.teamId}`,
    );
    expect(namesOf(applied.body.items)).toEqual(
      expected((c) => c.team === "alpha" && c.language === "pl" && c.labels.includes("vip")),
    );
    const stale = await admin.post("/api/views", { name: "Gone team", filters: { teamId: UNKNOWN_ID } });
    expect(stale.status).toBe(400);
    expect(stale.body.error.message).toContain("teamId");
    const badLanguage = await admin.post("/api/views", { name: "Klingon", filters: { language: "tlh" } });
    expect(badLanguage.status).toBe(400);
    expect(badLanguage.body.error.message).toContain("language");
    expect((await admin.request("DELETE", `/api/views/${shared.body.view.id}`)).status).toBe(204);
    expect((await alice.get("/api/views")).body.items).toEqual([]);
  });

  it("previews the customer's last words: an edit replaces them, an agent's reply does not", async () => {
    const name = "Filter1 Customer";
    const id = byName.get(name)!.id;
    const edited = await sim.telegram.editMessage(
      ALPHA_BOT.token,
      firstUpdates.get(name)!,
      "Przepraszam, paczka już dotarła #1",
    );
    expect(edited.status).toBe(200);
    await waitFor(async () => {
      const c = (await admin.get(`/api/conversations/${id}`)).body as Summary;
      return c.lastMessagePreview === "Przepraszam, paczka już dotarła #1";
    });
    const reply = await admin.post(`/api/conversations/${id}/messages`, {
      text: "Dziękujemy, miłego dnia!",
      visibility: "private",
    });
    expect(reply.status).toBe(202);
    await waitFor(async () => {
      const messages = (await admin.get(`/api/conversations/${id}/messages`)).body.items as {
        direction: string;
        deliveryStatus: string;
      }[];
      return messages.some((m) => m.direction === "out" && m.deliveryStatus === "delivered");
    });
    const listed = (await admin.get("/api/conversations?label=vip&language=pl")).body.items as Summary[];
    expect(listed.find((c) => c.id === id)?.lastMessagePreview).toBe("Przepraszam, paczka już dotarła #1");
  });

  it("answers the label and language filters from their indexes", async () => {
    const plans = await app.parley.database.db.transaction(async (tx) => {
      // A handful of rows would be read sequentially anyway; this asks whether the index can answer at all.
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      const explain = async (where: ReturnType<typeof sql>) =>
        JSON.stringify(
          (
            (await tx.execute(sql`EXPLAIN SELECT id FROM conversations WHERE ${where}`)) as unknown as {
              rows: unknown[];
            }
          ).rows,
        );
      return {
        labels: await explain(sql`labels @> '["vip","refund"]'::jsonb`),
        language: await explain(
          sql`workspace_id = ${UNKNOWN_ID}::uuid AND language = 'pl' ORDER BY last_message_at DESC, id DESC LIMIT 50`,
        ),
      };
    });
    expect(plans.labels).toContain("conversations_labels_idx");
    expect(plans.language).toContain("conversations_language_idx");
  });
});
