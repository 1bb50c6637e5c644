import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

const APP = { appId: "2234567890", appSecret: "playbook-app-secret", verifyToken: "playbook-verify" };
const PAGE = { pageId: "616000616", name: "Nordmart", accessToken: "playbook-page-token" };
const AGENT = { email: "agent@example.test", password: "agent-password-123" };
const QUESTION = "Здравствуйте! Где мой заказ 4581-2290? Доставка задерживается уже третий день";

const DELIVERY_REPLY = {
  title: "Доставка задерживается",
  shortcut: "/delivery-late",
  language: "ru",
  usage: "any",
  guidance: "Когда посылка опаздывает. Номер заказа — только в личных сообщениях.",
  categoryKey: "delivery",
  body: "{{customer_first_name}}, простите за ожидание! Заказ {{order_number}} уже в пути, доставка займёт ещё 1–2 дня. {{agent_name}}, {{brand_name}}",
};
const RETURN_REPLY = {
  title: "Возврат товара",
  language: "ru",
  usage: "public",
  categoryKey: "returns",
  body: "Вернуть товар можно в течение 14 дней: оформите возврат в личном кабинете, деньги придут за 5 дней.",
};

describe.each(dbTargets())("Playbook on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let admin: ApiClient;
  let agent: ApiClient;
  let conversationId: string;
  let agentId: string;
  let deliveryReplyId: string;

  const db = () => app.parley.database.db;
  const auditActions = async () =>
    (
      (await db().execute(sql`SELECT action FROM audit_log ORDER BY id`)) as unknown as {
        rows: { action: string }[];
      }
    ).rows.map((r) => r.action);
  const draftCheck = (text: string, visibility: "public" | "private") =>
    admin.post(`/api/conversations/${conversationId}/draft-check`, { text, visibility });
  const faqPage = async (path: string) => {
    const res = await fetch(`${app.url}${path}`);
    return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
  };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    app = await startTestParley(target);
    admin = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await connectFacebookPage(admin, sim, APP, PAGE);
    const invited = await admin.post("/api/users", {
      ...AGENT,
      name: "Agent Smith",
      role: "agent",
      // In no team: the agent sees a conversation only once it is assigned to them, and routing never does that.
      teamIds: [],
    });
    expect(invited.status).toBe(201);
    agentId = invited.body.id;
    agent = await ApiClient.login(app.url, AGENT.email, AGENT.password);

    await sim.facebook.act(PAGE.pageId, {
      person: { id: 9001, firstName: "Анна", lastName: "Петрова", languageCode: "ru" },
      text: QUESTION,
      visibility: "public",
    });
    const conversation = await waitFor(
      async () => (await admin.get(`/api/conversations?q=${encodeURIComponent("4581-2290")}`)).body.items[0],
      15_000,
      "the customer's comment",
    );
    conversationId = conversation.id;
    expect(conversation.visibility).toBe("public");
    // Triage would file it under delivery; set it as an agent would, which triage never overrides.
    await db().execute(sql`
      INSERT INTO categories (workspace_id, key, name, names)
      VALUES (${app.parley.bootstrap.workspaceId}, 'delivery', 'Delivery', '{"ru":"Доставка"}'::jsonb)
      ON CONFLICT (workspace_id, key) DO UPDATE SET names = EXCLUDED.names`);
    await db().execute(sql`
      UPDATE conversations SET language = 'ru', category_source = 'agent',
        category_id = (SELECT id FROM categories WHERE workspace_id = ${app.parley.bootstrap.workspaceId} AND key = 'delivery')
      WHERE id = ${conversationId}`);
  });

  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  it("saves canned replies and refuses invalid ones, naming the unknown variable", async () => {
    const typo = await admin.post("/api/playbook/canned-replies", {
      ...DELIVERY_REPLY,
      body: "Заказ {{order_nubmer}} уже в пути",
    });
    expect(typo.status).toBe(400);
    expect(typo.body.error.code).toBe("invalid_canned_reply");
    expect(typo.body.error.message).toContain("{{order_nubmer}}");
    expect(typo.body.error.details.problems.join(" ")).toContain("{{order_number}}");

    const missingTitle = await admin.post("/api/playbook/canned-replies", { ...DELIVERY_REPLY, title: "" });
    expect(missingTitle.status).toBe(400);
    expect(missingTitle.body.error.message).toContain("title");

    const created = await admin.post("/api/playbook/canned-replies", DELIVERY_REPLY);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: DELIVERY_REPLY.title,
      usage: "any",
      categoryKey: "delivery",
    });
    deliveryReplyId = created.body.id;

    const sameShortcut = await admin.post("/api/playbook/canned-replies", {
      ...RETURN_REPLY,
      shortcut: DELIVERY_REPLY.shortcut,
    });
    expect(sameShortcut.status).toBe(409);

    const badPatch = await admin.request("PATCH", `/api/playbook/canned-replies/${deliveryReplyId}`, {
      body: "Здравствуйте, {{client}}!",
    });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.error.message).toContain("{{client}}");

    const renamed = await admin.request("PATCH", `/api/playbook/canned-replies/${deliveryReplyId}`, {
      title: "Доставка задерживается: извинение",
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      title: "Доставка задерживается: извинение",
      body: DELIVERY_REPLY.body,
    });

    const temporary = await admin.post("/api/playbook/canned-replies", {
      ...RETURN_REPLY,
      title: "Черновик",
    });
    expect((await admin.request("DELETE", `/api/playbook/canned-replies/${temporary.body.id}`)).status).toBe(
      204,
    );
    expect(
      (await admin.request("PATCH", `/api/playbook/canned-replies/${temporary.body.id}`, { title: "x" }))
        .status,
    ).toBe(404);

    const list = await admin.get("/api/playbook/canned-replies");
    expect(list.body.items.map((r: { title: string }) => r.title)).toEqual([
      "Доставка задерживается: извинение",
    ]);
    expect(list.body.variables).toContain("order_number");
    expect(await auditActions()).toEqual(
      expect.arrayContaining(["canned_reply.created", "canned_reply.updated", "canned_reply.deleted"]),
    );
  });

  it("lets agents read and use the playbook but not change it", async () => {
    const list = await agent.get("/api/playbook/canned-replies");
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect((await agent.post("/api/playbook/canned-replies", RETURN_REPLY)).status).toBe(403);
    expect(
      (await agent.request("PATCH", `/api/playbook/canned-replies/${deliveryReplyId}`, { title: "Моё" }))
        .status,
    ).toBe(403);
    expect((await agent.request("DELETE", `/api/playbook/canned-replies/${deliveryReplyId}`)).status).toBe(
      403,
    );
    expect(
      (await agent.post("/api/playbook/articles", { title: "A", body: "B", language: "en" })).status,
    ).toBe(403);
    expect((await agent.get("/api/playbook/canned-replies")).body.items[0].title).toBe(
      "Доставка задерживается: извинение",
    );
  });

  it("fills a canned reply in from the conversation, and lists what it could not fill", async () => {
    const before = await admin.post(`/api/playbook/canned-replies/${deliveryReplyId}/render`, {
      conversationId,
    });
    expect(before.status).toBe(200);
    expect(before.body.missing).toEqual(["brand_name"]);
    expect(before.body.text).toContain("[brand_name]");

    // An agent fills replies in only for conversations they may see.
    const unseen = await agent.post(`/api/playbook/canned-replies/${deliveryReplyId}/render`, {
      conversationId,
    });
    expect(unseen.status).toBe(404);
    expect(
      (await admin.post(`/api/conversations/${conversationId}/assign`, { assigneeId: agentId })).status,
    ).toBe(200);

    await db().execute(sql`
      INSERT INTO triage_settings (workspace_id, brand_name) VALUES (${app.parley.bootstrap.workspaceId}, 'Nordmart')
      ON CONFLICT (workspace_id) DO UPDATE SET brand_name = 'Nordmart'`);
    const rendered = await agent.post(`/api/playbook/canned-replies/${deliveryReplyId}/render`, {
      conversationId,
    });
    expect(rendered.status).toBe(200);
    expect(rendered.body).toEqual({
      text: "Анна, простите за ожидание! Заказ 4581-2290 уже в пути, доставка займёт ещё 1–2 дня. Agent Smith, Nordmart",
      missing: [],
    });
    const unknown = await admin.post(`/api/playbook/canned-replies/${deliveryReplyId}/render`, {
      conversationId: "00000000-0000-4000-8000-000000000000",
    });
    expect(unknown.status).toBe(404);
  });

  it("warns about a phone number in a public reply only, and flags bureaucratic wording", async () => {
    const reply = "Позвоните нам: +7 912 345-67-89";
    const inPublic = await draftCheck(reply, "public");
    expect(inPublic.status).toBe(200);
    expect(inPublic.body.personalData.publicThread).toBe(true);
    expect(inPublic.body.personalData.findings).toEqual([
      expect.objectContaining({ kind: "phone", excerpt: "+7 912 345-67-89" }),
    ]);
    expect(inPublic.body.personalData.advice).toContain("номер телефона");

    const inPrivate = await draftCheck(reply, "private");
    expect(inPrivate.body.personalData.publicThread).toBe(false);
    expect(inPrivate.body.personalData.advice).toBeNull();

    const stiff = await draftCheck("Возврат в рамках установленных регламентов занимает 10 дней.", "public");
    expect(stiff.body.personalData.findings).toEqual([]);
    expect(stiff.body.personalData.advice).toBeNull();
    expect(stiff.body.plainLanguage).toEqual([
      expect.objectContaining({ kind: "bureaucratic", phrase: "в рамках установленных регламентов" }),
    ]);
    expect(stiff.body.plainLanguage[0].suggestion.length).toBeGreaterThan(0);
  });

  it("suggests the delivery reply for a delivery question, and sees a new reply at once", async () => {
    const returns = await admin.post("/api/playbook/canned-replies", RETURN_REPLY);
    expect(returns.status).toBe(201);
    const check = await draftCheck("", "public");
    expect(check.status).toBe(200);
    expect(check.body.suggestions[0]).toMatchObject({
      id: deliveryReplyId,
      kind: "canned",
      title: "Доставка задерживается: извинение",
      usageMismatch: false,
    });
    expect(check.body.suggestions.map((s: { id: string }) => s.id)).not.toContain(returns.body.id);

    // A reply added just now is offered without waiting for the cache to expire.
    const tracking = await admin.post("/api/playbook/canned-replies", {
      title: "Отслеживание посылки",
      language: "ru",
      usage: "private",
      body: "Отследить посылку по заказу {{order_number}} можно в личном кабинете.",
    });
    const withTracking = await draftCheck("Посылку можно отследить", "public");
    const offered = withTracking.body.suggestions.find((s: { id: string }) => s.id === tracking.body.id);
    expect(offered).toMatchObject({ kind: "canned", usageMismatch: true });
  });

  it("publishes only published articles on the escaped public FAQ page", async () => {
    const published = await admin.post("/api/playbook/articles", {
      title: "Сроки доставки",
      body: "Доставка по городу занимает 1–2 дня.\n\nПо области — до 5 дней.",
      language: "ru",
      categoryKey: "delivery",
      published: true,
    });
    expect(published.status).toBe(201);
    const draft = await admin.post("/api/playbook/articles", {
      title: "Секретная распродажа",
      body: "Внутренняя заметка: скидки 70% с понедельника.",
      language: "ru",
      categoryKey: "delivery",
    });
    expect(draft.body.published).toBe(false);
    const hostile = await admin.post("/api/playbook/articles", {
      title: "<script>alert('faq')</script> Payment",
      body: 'Pay by card. <img src=x onerror="alert(1)">',
      language: "en",
      published: true,
    });
    expect(hostile.status).toBe(201);
    expect(
      (await admin.post("/api/playbook/articles", { title: "", body: "x", language: "ru" })).status,
    ).toBe(400);

    const ws = app.parley.bootstrap.workspaceId;
    const page = await faqPage(`/faq/${ws}`);
    expect(page.status).toBe(200);
    expect(page.type).toContain("text/html");
    expect(page.text).toContain("Сроки доставки");
    expect(page.text).toContain("Доставка"); // the category's Russian name heads the group
    expect(page.text).not.toContain("Секретная распродажа");
    expect(page.text).not.toContain("скидки 70%");
    expect(page.text).not.toContain("<script>alert");
    expect(page.text).not.toContain("<img");
    expect(page.text).toContain("&lt;script&gt;alert(&#39;faq&#39;)&lt;/script&gt; Payment");

    const russian = await faqPage(`/faq/${ws}?lang=ru`);
    expect(russian.text).toContain('<html lang="ru"');
    expect(russian.text).toContain("Сроки доставки");
    expect(russian.text).not.toContain("Payment");
    expect(russian.text).toContain('href="?lang=en"');
    // No Latvian articles: every published one is shown rather than an empty page.
    const latvian = await faqPage(`/faq/${ws}?lang=lv`);
    expect(latvian.text).toContain("Сроки доставки");
    expect(latvian.text).toContain("Payment");

    const json = await (await fetch(`${app.url}/faq/${ws}.json`)).json();
    const titles = json.groups.flatMap((g: { articles: { title: string }[] }) =>
      g.articles.map((a) => a.title),
    );
    expect(titles.sort()).toEqual(["<script>alert('faq')</script> Payment", "Сроки доставки"]);

    expect((await faqPage("/faq/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await faqPage("/faq/not-a-workspace")).status).toBe(404);

    const unpublished = await admin.request("PATCH", `/api/playbook/articles/${published.body.id}`, {
      published: false,
    });
    expect(unpublished.status).toBe(200);
    expect((await faqPage(`/faq/${ws}`)).text).not.toContain("Сроки доставки");
    expect(await auditActions()).toEqual(expect.arrayContaining(["article.created", "article.unpublished"]));
  });

  it("searches the knowledge base across word forms, internal articles included for agents", async () => {
    const delivery = await agent.get(`/api/playbook/articles/search?q=${encodeURIComponent("доставку")}`);
    expect(delivery.status).toBe(200);
    expect(delivery.body.items[0]).toMatchObject({ title: "Сроки доставки", published: false, faqUrl: null });
    const internal = await agent.get(`/api/playbook/articles/search?q=${encodeURIComponent("скидка")}`);
    expect(internal.body.items.map((a: { title: string }) => a.title)).toEqual(["Секретная распродажа"]);
    const english = await agent.get("/api/playbook/articles/search?q=payment&language=en");
    expect(english.body.items[0].faqUrl).toMatch(/\/faq\/[0-9a-f-]{36}\?lang=en#article-/);
    expect((await agent.get("/api/playbook/articles/search?q=")).status).toBe(400);
  });
});
