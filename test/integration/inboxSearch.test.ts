import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/simulator/simulatorServer.ts";
import type { ApiClient } from "../support/apiClient.ts";
import { connectTelegramBot, startSimulatedParley } from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { type TestParley, waitFor } from "../support/testParley.ts";

const BOT = { token: "555000222:search-token", username: "search_help_bot", firstName: "Search Help" };

const CUSTOMERS = [
  {
    id: 9101,
    firstName: "Ирина",
    lastName: "Смирнова",
    languageCode: "ru" as const,
    text: "Где моя доставка? Жду неделю",
  },
  {
    id: 9102,
    firstName: "Tomasz",
    lastName: "Nowak",
    languageCode: "pl" as const,
    text: "Kiedy będzie dostawa do Gdańska?",
  },
  {
    id: 9103,
    firstName: "Līga",
    lastName: "Ozola",
    languageCode: "lv" as const,
    text: "Kur ir mana piegāde? Gaidu jau nedēļu",
  },
  {
    id: 9104,
    firstName: "Emma",
    lastName: "Brown",
    languageCode: "en" as const,
    text: "My parcel delivery went to the wrong address",
  },
  {
    id: 9105,
    firstName: "Олег",
    lastName: "Кузнецов",
    languageCode: "ru" as const,
    text: "Заказ NM-482913 так и не пришёл",
  },
];

describe.each(dbTargets())("inbox search on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let api: ApiClient;

  const search = async (q: string): Promise<string[]> =>
    (await api.get(`/api/conversations?q=${encodeURIComponent(q)}`)).body.items.map(
      (c: { contact: { displayName: string } }) => c.contact.displayName,
    );

  beforeAll(async () => {
    ({ app, sim, api } = await startSimulatedParley(target));
    await connectTelegramBot(api, sim, BOT, { name: "Search bot", webhookSecret: "search-secret" });
    for (const { text, ...person } of CUSTOMERS)
      await sim.telegram.act(BOT.token, { person, text, visibility: "private" });
    // Every message indexed: the search indexer runs in the worker beside ingest.
    await waitFor(async () => {
      const { rows } = (await app.parley.database.db.execute(
        sql`SELECT count(*)::int AS n FROM messages WHERE direction = 'in' AND search_vector IS NOT NULL`,
      )) as unknown as { rows: { n: number }[] };
      return rows[0]!.n >= CUSTOMERS.length;
    });
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  it("finds inflected forms in Russian, Polish, Latvian and English", async () => {
    expect(await search("доставки")).toEqual(["Ирина Смирнова"]);
    expect(await search("dostawy")).toEqual(["Tomasz Nowak"]);
    expect(await search("piegādes")).toEqual(["Līga Ozola"]);
    expect(await search("parcels deliveries")).toEqual(["Emma Brown"]);
  });

  it("finds an order number exactly, and a word found nowhere finds nothing", async () => {
    expect(await search("NM-482913")).toEqual(["Олег Кузнецов"]);
    expect(await search("482913")).toEqual(["Олег Кузнецов"]);
    expect(await search("48291")).toEqual([]);
    expect(await search("холодильник")).toEqual([]);
  });

  it("finds a customer by name and a conversation by its id", async () => {
    expect(await search("Ozola")).toEqual(["Līga Ozola"]);
    const [first] = (await api.get("/api/conversations?q=Brown")).body.items;
    expect(
      (await api.get(`/api/conversations?q=${first.id}`)).body.items.map((c: { id: string }) => c.id),
    ).toEqual([first.id]);
  });

  it("re-indexes an edited message", async () => {
    await app.parley.database.db.execute(
      sql`UPDATE messages SET text = 'Reklamacja: zepsuty odkurzacz' WHERE text LIKE 'Kiedy będzie dostawa%'`,
    );
    await waitFor(async () => (await search("odkurzacza")).length === 1);
    expect(await search("dostawy")).toEqual([]);
  });

  it("finds a common word by walking the inbox in order, with the same answer", async () => {
    // Past 2,000 matching messages the search probes conversations in inbox order instead of joining them all.
    await app.parley.database.db.execute(sql`INSERT INTO messages (workspace_id, conversation_id, channel_id,
        direction, visibility, text, delivery_status, search_vector)
      SELECT m.workspace_id, m.conversation_id, m.channel_id, 'note', 'private', 'заказ ' || g, 'delivered',
        array_to_tsvector(ARRAY['заказ', g::text])
      FROM generate_series(1, 2000) g, (SELECT * FROM messages WHERE text LIKE 'Где моя доставка%' LIMIT 1) m`);
    expect((await search("заказы")).sort()).toEqual(["Ирина Смирнова", "Олег Кузнецов"]);
  });

  it("uses the GIN index for message search", async () => {
    const db = app.parley.database.db;
    await db.execute(sql`SET enable_seqscan = off`);
    const { rows } = (await db.execute(
      sql`EXPLAIN SELECT conversation_id FROM messages WHERE search_vector @@ '''доставк'''::tsquery`,
    )) as unknown as { rows: Record<string, string>[] };
    await db.execute(sql`RESET enable_seqscan`);
    expect(rows.map((row) => Object.values(row)[0]).join("\n")).toContain("messages_search_idx");
  });
});
