import { ApiClient } from "../test/support/apiClient.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "../test/support/testParley.ts";

export const BENCH_WEBHOOK_SECRET = "bench-secret";

/**
 * Signs in as the admin and adds a Telegram channel whose API base URL is a closed port: benchmarks measure
 * Parley's own work, and no platform call succeeds or is waited for.
 */
export async function benchTelegramChannel(appUrl: string): Promise<{ api: ApiClient; webhookUrl: string }> {
  const api = await ApiClient.login(appUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
  const created = await api.post("/api/channels", {
    platform: "telegram",
    name: "Bench",
    settings: { botToken: "1:bench", webhookSecret: BENCH_WEBHOOK_SECRET, mode: "webhook" },
    apiBaseUrl: "http://127.0.0.1:9",
  });
  if (created.status !== 201) throw new Error(`channel refused: ${JSON.stringify(created.body)}`);
  return { api, webhookUrl: created.body.webhookUrl };
}
