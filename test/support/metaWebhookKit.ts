import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { signMetaBody } from "../../src/channels/meta/metaWebhook.ts";
import type { ApiClient } from "./apiClient.ts";
import { type TestParley, waitFor } from "./testParley.ts";

/** Posts a Meta webhook body signed with the app secret, or with the given (forged) signature. */
export function postMetaWebhook(webhookUrl: string, appSecret: string, body: unknown, signature?: string) {
  const raw = JSON.stringify(body);
  return fetch(webhookUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": signature ?? signMetaBody(raw, appSecret),
    },
    body: raw,
  });
}

/** Meta's subscription check: the challenge comes back only for the right verify token. */
export async function expectMetaHandshake(webhookUrl: string, verifyToken: string): Promise<void> {
  const ok = await fetch(
    `${webhookUrl}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${verifyToken}`,
  );
  expect(ok.status).toBe(200);
  expect(await ok.text()).toBe("1158201444");
  const wrong = await fetch(`${webhookUrl}?hub.mode=subscribe&hub.challenge=1&hub.verify_token=guess`);
  expect(wrong.status).toBe(403);
}

export async function rawEventCount(app: TestParley): Promise<number> {
  const result = (await app.parley.database.db.execute(
    sql`SELECT count(*)::int AS n FROM raw_events`,
  )) as unknown as {
    rows: { n: number }[];
  };
  return result.rows[0]!.n;
}

/** The first conversation whose customer or messages match `q`, once ingest has made it. */
// biome-ignore lint/suspicious/noExplicitAny: tests read API answers of many shapes and assert on them
export function conversationMatching(api: ApiClient, q: string): Promise<any> {
  return waitFor(
    async () => (await api.get(`/api/conversations?q=${encodeURIComponent(q)}`)).body.items[0],
    15_000,
    `conversation "${q}"`,
  );
}
