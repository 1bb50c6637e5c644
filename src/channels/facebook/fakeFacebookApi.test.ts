import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signMetaBody } from "../meta/metaWebhook.ts";
import { createFacebookFake } from "./fakeFacebookApi.ts";

const SECRET = "fake-app-secret";
const person = (id: number) => ({ id, firstName: "Eva", lastName: "Kalniņa", languageCode: "lv" as const });

describe("Facebook fake: the customer side of a page", () => {
  const received: {
    signature: string | undefined;
    body: { entry: { changes?: { value: Record<string, unknown> }[] }[] };
  }[] = [];
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = "";
      req.on("data", (chunk) => {
        raw += chunk;
      });
      req.on("end", () => {
        const signature = req.headers["x-hub-signature-256"] as string | undefined;
        expect(signature).toBe(signMetaBody(raw, SECRET));
        received.push({ signature, body: JSON.parse(raw) });
        res.end("EVENT_RECEIVED");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const values = () =>
    received.flatMap((r) => r.body.entry.flatMap((e) => (e.changes ?? []).map((c) => c.value)));

  it("lets a lively customer continue their thread, edit a comment and remove an earlier one", async () => {
    received.length = 0;
    const fake = createFacebookFake({ editShare: 1, removeShare: 1, threadShare: 1, random: () => 0 });
    fake.addPage({ pageId: "5000", name: "Nordmart", accessToken: "t", appSecret: SECRET, webhookUrl: url });
    await fake.act("5000", { person: person(1), text: "Kur ir mans pasūtījums?", visibility: "public" });
    await fake.act("5000", { person: person(1), text: "Joprojām gaidu", visibility: "public" });
    const comments = values().filter((v) => v.item === "comment");
    const [first, firstEdit, second] = comments;
    expect(first).toMatchObject({ verb: "add", message: "Kur ir mans pasūtījums?" });
    expect(firstEdit).toMatchObject({ verb: "edited", comment_id: first!.comment_id });
    expect(String(firstEdit!.message)).toMatch(/UPD: order \d{6}$/);
    // The returning customer answers under their own comment instead of opening a new thread.
    expect(second).toMatchObject({ verb: "add", parent_id: first!.comment_id, message: "Joprojām gaidu" });
    expect(comments.at(-1)).toMatchObject({ verb: "remove", comment_id: first!.comment_id });
  });

  it("delivers a comment storm as one batch with an entry per comment", async () => {
    received.length = 0;
    const fake = createFacebookFake();
    fake.addPage({ pageId: "6000", name: "Nordmart", accessToken: "t", appSecret: SECRET, webhookUrl: url });
    const outcome = await fake.storm(
      "6000",
      Array.from({ length: 25 }, (_, i) => `Storm comment ${i}`),
    );
    expect(outcome.status).toBe(200);
    const batch = received.at(-1)!.body;
    expect(batch.entry).toHaveLength(25);
    const ids = new Set(batch.entry.map((e) => e.changes![0]!.value.comment_id));
    expect(ids.size).toBe(25);
  });
});
