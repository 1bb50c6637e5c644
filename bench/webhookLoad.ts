/**
 * The load side of the ingest benchmark, run in its own thread so that the client's work (building, sending and
 * reading requests) does not share the event loop of the Parley it measures. Sends `events` signed Telegram
 * updates from `concurrency` clients, each a private message of a customer (500 of them in turn) dated now, and
 * posts back every acknowledgement's latency.
 */
import { parentPort, workerData } from "node:worker_threads";

export interface WebhookLoad {
  webhookUrl: string;
  secret: string;
  events: number;
  concurrency: number;
  firstUpdateId: number;
}

export interface WebhookLoadResult {
  latenciesMs: number[];
  seconds: number;
  refused: number;
}

export function telegramUpdate(updateId: number, i: number): string {
  const customer = 10_000 + (i % 500);
  return JSON.stringify({
    update_id: updateId,
    message: {
      message_id: i + 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: customer, type: "private", first_name: "Bench" },
      from: { id: customer, is_bot: false, first_name: "Bench", last_name: String(i % 500) },
      text: `Benchmark message ${i}: where is my order? 🚚`,
    },
  });
}

async function run(load: WebhookLoad): Promise<WebhookLoadResult> {
  const latenciesMs: number[] = [];
  let next = 0;
  let refused = 0;
  const started = performance.now();
  const client = async () => {
    while (next < load.events) {
      const i = next++;
      const t0 = performance.now();
      const res = await fetch(load.webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": load.secret },
        body: telegramUpdate(load.firstUpdateId + i, i),
      });
      await res.arrayBuffer();
      latenciesMs.push(performance.now() - t0);
      if (res.status !== 200) refused += 1;
    }
  };
  await Promise.all(Array.from({ length: load.concurrency }, client));
  return { latenciesMs, seconds: (performance.now() - started) / 1000, refused };
}

if (parentPort && workerData) parentPort.postMessage(await run(workerData as WebhookLoad));
