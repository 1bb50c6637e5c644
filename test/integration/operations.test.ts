import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { ApiClient } from "../support/apiClient.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  freePort,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const BOT = { token: "555000222:ops-token", username: "ops_help_bot", firstName: "Ops Help" };
const METRICS_TOKEN = "scrape-me-0123456789";

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request whose body is read as sent on the wire: fetch() would undo the compression being checked. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on("error", reject);
  });
}

/** One sample of a Prometheus text page, by metric name and a label subset; undefined when absent. */
function sample(page: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of page.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) continue;
    return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return undefined;
}

describe.each(dbTargets())("operations: metrics, probes and compression on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let api: ApiClient;
  let metricsUrl: string;
  const webDist = mkdtempSync(path.join(os.tmpdir(), "parley-webdist-"));
  const bundle = `console.log(${JSON.stringify("Parley ".repeat(2000))});`;

  beforeAll(async () => {
    mkdirSync(path.join(webDist, "assets"));
    writeFileSync(path.join(webDist, "index.html"), "<!doctype html><title>Parley</title>");
    writeFileSync(path.join(webDist, "assets", "index-abc123.js"), bundle);
    writeFileSync(path.join(webDist, "assets", "index-abc123.js.br"), zlib.brotliCompressSync(bundle));
    writeFileSync(path.join(webDist, "assets", "index-abc123.js.gz"), zlib.gzipSync(bundle));
    sim = await startSimulator({ port: 0 });
    sim.telegram.addBot(BOT);
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    app = await startTestParley(target, { webDistDir: webDist, metricsPort });
    api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const created = await api.post("/api/channels", {
      platform: "telegram",
      name: "Ops bot",
      settings: {
        botToken: BOT.token,
        webhookSecret: "ops-secret",
        mode: "webhook",
        botUsername: BOT.username,
      },
      apiBaseUrl: sim.url,
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
    rmSync(webDist, { recursive: true, force: true });
  });

  it("reports processing, HTTP latency by route pattern and the shared queues on the metrics port", async () => {
    await sim.telegram.act(BOT.token, {
      person: { id: 9101, firstName: "Olga", languageCode: "en" },
      text: "Hello, where is my parcel?",
      visibility: "private",
    });
    await waitFor(
      async () => (await api.get("/api/conversations")).body.items.length > 0,
      15_000,
      "the conversation",
    );

    const page = await waitFor(async () => {
      const res = await fetch(metricsUrl);
      const text = await res.text();
      return (sample(text, "parley_work_items_processed_total", { loop: "ingest" }) ?? 0) >= 1 && text;
    });
    expect(sample(page, "parley_raw_events_pending")).toBe(0);
    expect(sample(page, "parley_outbox_uncertain")).toBe(0);
    expect(sample(page, "parley_ingest_lag_seconds")).toBe(0);
    expect(sample(page, "parley_sla_sweep_lag_seconds")).toBeGreaterThanOrEqual(0);
    expect(
      sample(page, "parley_http_request_duration_seconds_count", {
        method: "POST",
        route: "/webhooks/:platform/:channelId",
        status: "200",
      }),
    ).toBeGreaterThanOrEqual(1);
    // Route patterns, never concrete ids: the number of series must not grow with the data.
    expect(page).not.toMatch(/route="\/api\/conversations\/[0-9a-f]{8}-/);
    expect(sample(page, "parley_process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  it("keeps /metrics on the public port closed when no token is configured", async () => {
    const res = await fetch(`${app.url}/metrics`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("PARLEY_METRICS_TOKEN");
  });

  it("answers liveness without the database and readiness with it", async () => {
    const live = await fetch(`${app.url}/livez`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });

  it("compresses API answers the client can decode, and leaves the event stream alone", async () => {
    const plain = await rawGet(`${app.url}/api/openapi.json`);
    const gzipped = await rawGet(`${app.url}/api/openapi.json`, { "accept-encoding": "gzip" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 3);
    expect(JSON.parse(zlib.gunzipSync(gzipped.body).toString("utf8"))).toEqual(
      JSON.parse(plain.body.toString("utf8")),
    );

    const events = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.get(`${app.url}/api/events`, {
        headers: { cookie: api.cookie, "accept-encoding": "gzip" },
      });
      req.on("response", (res) => {
        resolve(res);
        req.destroy();
      });
      req.on("error", (err) => (err.message.includes("aborted") ? undefined : reject(err)));
    });
    expect(events.headers["content-type"]).toContain("text/event-stream");
    expect(events.headers["content-encoding"]).toBeUndefined();

    // A webhook's few bytes of acknowledgement are not worth a gzip stream, whatever the platform accepts.
    const ack = await fetch(`${app.url}/webhooks/telegram/00000000-0000-4000-8000-000000000000`, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-encoding": "gzip" },
      body: "{}",
    });
    expect(ack.status).toBe(404);
    expect(ack.headers.get("content-encoding")).toBeNull();
    expect(Number(ack.headers.get("content-length"))).toBe((await ack.text()).length);
  });

  it("serves hashed assets precompressed and cached for good, and the page itself revalidated", async () => {
    const brotli = await rawGet(`${app.url}/assets/index-abc123.js`, {
      "accept-encoding": "gzip, deflate, br",
    });
    expect(brotli.status).toBe(200);
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(zlib.brotliDecompressSync(brotli.body).toString("utf8")).toBe(bundle);

    const gzip = await rawGet(`${app.url}/assets/index-abc123.js`, { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gzip.body).toString("utf8")).toBe(bundle);

    const page = await rawGet(`${app.url}/inbox`);
    expect(page.status).toBe(200);
    expect(page.headers["cache-control"]).toBe("no-cache");
  });
});

describe.each(dbTargets())("metrics of a worker-only process, behind a token, on $name", (target) => {
  let server: TestParley;
  let worker: TestParley;
  let metricsPort: number;

  beforeAll(async () => {
    server = await startTestParley(target, { metricsToken: METRICS_TOKEN });
    metricsPort = await freePort();
    // Its own database: PGlite admits one process per data directory.
    worker = await startTestParley(target, { roles: ["worker"], metricsToken: METRICS_TOKEN, metricsPort });
  });

  afterAll(async () => {
    await worker?.stop();
    await server?.stop();
  });

  it("serves the public port's /metrics only to a scraper with the token", async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(403);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer guess" } });
    expect(wrong.status).toBe(403);
    const right = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain("parley_outbox_pending");
  });

  it("serves its own figures and probes on PARLEY_METRICS_PORT", async () => {
    const base = `http://127.0.0.1:${metricsPort}`;
    const page = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(sample(text, "parley_work_items_processed_total", { loop: "outbox" })).toBeGreaterThanOrEqual(0);
    expect(text).toContain("parley_raw_events_pending");
    expect((await fetch(`${base}/livez`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});
