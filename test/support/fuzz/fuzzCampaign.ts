import { sql } from "drizzle-orm";
import fc from "fast-check";
import { type ApiInput, apiBodyText, apiInputArbitrary, apiPath } from "./apiInputs.ts";
import type { FuzzTarget } from "./fuzzTarget.ts";
import { planWebhookRequest, type WebhookInput, webhookInputArbitrary } from "./webhookInputs.ts";

/**
 * The fuzz campaign: fast-check generates webhook knocks (recorded payloads mutated, envelopes with hostile values
 * in their holes, random bytes, empty and huge bodies, signed or forged) and API requests (every route the app
 * serves, with schema-shaped, mutated and random bodies, odd query strings and path parameters, as every kind of
 * caller), sends them one at a time and counts what must never happen. The CI test runs a few hundred inputs; `npm
 * run soak:fuzz` runs 20,000. The same seed gives the same inputs.
 */
export interface FuzzReport {
  seed: number;
  inputs: number;
  webhookInputs: number;
  apiInputs: number;
  /** Answers of 500 or more. Must be 0. */
  fiveXx: number;
  /** Uncaught exceptions, unhandled rejections, or a health check that failed. Must be 0. */
  crashes: number;
  /** Requests that got no answer within the deadline. Must be 0. */
  timeouts: number;
  /** Forged or misaddressed webhooks after which a raw event or a rejected body was stored. Must be 0. */
  storedFromForged: number;
  forgedInputs: number;
  /** Signed-out or made-up-token requests to routes that need a sign-in that were answered 2xx. Must be 0. */
  unauthenticatedAccepted: number;
  /** API answers that contained a channel credential. Must be 0. */
  secretsLeaked: number;
  /** Answers per status code. */
  statuses: Record<string, number>;
  /** The first inputs that broke a rule, to reproduce with the seed. */
  failures: { rule: string; status: number; request: string; answer: string }[];
  seconds: number;
}

export interface CampaignOptions {
  inputs: number;
  seed: number;
  /** Called every `progressEvery` inputs with the report so far. */
  onProgress?: ((report: FuzzReport) => void) | undefined;
  progressEvery?: number | undefined;
  /** Called with each input that broke a rule, as it happens. */
  onFailure?: ((failure: FuzzReport["failures"][number]) => void) | undefined;
}

type Input = WebhookInput | ApiInput;

const REQUEST_DEADLINE_MS = 30_000;
const MAX_FAILURES_KEPT = 20;

export async function runFuzzCampaign(target: FuzzTarget, options: CampaignOptions): Promise<FuzzReport> {
  const started = Date.now();
  const report: FuzzReport = {
    seed: options.seed,
    inputs: 0,
    webhookInputs: 0,
    apiInputs: 0,
    fiveXx: 0,
    crashes: 0,
    timeouts: 0,
    storedFromForged: 0,
    forgedInputs: 0,
    unauthenticatedAccepted: 0,
    secretsLeaked: 0,
    statuses: {},
    failures: [],
    seconds: 0,
  };
  const fail = (rule: string, status: number, request: string, answer: string) => {
    const failure = { rule, status, request: request.slice(0, 2000), answer: answer.slice(0, 500) };
    options.onFailure?.(failure);
    if (report.failures.length < MAX_FAILURES_KEPT) report.failures.push(failure);
  };
  const onCrash = (err: unknown) => {
    report.crashes++;
    fail("crash", 0, "(process)", String(err instanceof Error ? err.stack : err));
  };
  process.on("uncaughtException", onCrash);
  process.on("unhandledRejection", onCrash);

  const arbitrary: fc.Arbitrary<Input> = fc.oneof(
    webhookInputArbitrary(target.doors),
    apiInputArbitrary(target.routes, target.pool),
  );
  const inputs = fc.sample(arbitrary, { numRuns: options.inputs, seed: options.seed });
  let headers = await target.headersFor();
  try {
    for (const [index, input] of inputs.entries()) {
      if (index % 100 === 0 && index > 0) {
        // Sessions may have been signed out by a fuzzed request, and new things made: start each stretch afresh.
        headers = await target.headersFor();
        await target.refreshPool();
        const health = await unhealthy(target.url);
        if (health) {
          report.crashes++;
          fail("health", 0, "GET /healthz", health);
        }
      }
      report.inputs++;
      if (input.kind === "webhook") await sendWebhook(target, input, report, fail);
      else await sendApi(target, input, headers, report, fail);
      if (options.onProgress && (index + 1) % (options.progressEvery ?? 1000) === 0) {
        report.seconds = Math.round((Date.now() - started) / 1000);
        options.onProgress(report);
      }
    }
    const health = await unhealthy(target.url);
    if (health) {
      report.crashes++;
      fail("health", 0, "GET /healthz", health);
    }
  } finally {
    process.off("uncaughtException", onCrash);
    process.off("unhandledRejection", onCrash);
  }
  report.seconds = Math.round((Date.now() - started) / 1000);
  return report;
}

type Fail = (rule: string, status: number, request: string, answer: string) => void;

/**
 * Undefined when /healthz answers 200; otherwise what it answered or why not. A connection the server closed
 * after refusing a huge body may be handed out once more by the client's pool, so a network error is retried
 * once on a new connection: a server that is down fails both.
 */
async function unhealthy(url: string): Promise<string | undefined> {
  let why = "";
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(REQUEST_DEADLINE_MS) });
      return res.status === 200 ? undefined : `${res.status} ${await res.text()}`;
    } catch (err) {
      why = `${String(err)} ${err instanceof Error && err.cause ? String(err.cause) : ""}`;
    }
  }
  return `no answer: ${why}`;
}

/** The highest ids of the two tables a webhook writes to: unchanged after a forgery, or something was stored. */
async function storedMark(target: FuzzTarget): Promise<string> {
  const result = (await target.db.execute(sql`
    SELECT (SELECT coalesce(max(id), 0) FROM raw_events)::text || '/' ||
           (SELECT coalesce(max(id), 0) FROM rejected_webhooks)::text AS mark`)) as unknown as {
    rows: { mark: string }[];
  };
  return result.rows[0]!.mark;
}

interface Answer {
  status: number;
  text: string;
}

async function send(url: string, init: RequestInit): Promise<Answer | "timeout" | "refused"> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_DEADLINE_MS) });
    if ((res.headers.get("content-type") ?? "").startsWith("text/event-stream")) {
      await res.body?.cancel();
      return { status: res.status, text: "" };
    }
    return { status: res.status, text: await res.text() };
  } catch (err) {
    if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) return "timeout";
    // fetch refuses some hostile URLs and headers itself; such an input never reached Parley.
    return "refused";
  }
}

function tally(report: FuzzReport, answer: Answer, fail: Fail, request: string): void {
  report.statuses[answer.status] = (report.statuses[answer.status] ?? 0) + 1;
  if (answer.status >= 500) {
    report.fiveXx++;
    fail("5xx", answer.status, request, answer.text);
  }
}

async function sendWebhook(target: FuzzTarget, input: WebhookInput, report: FuzzReport, fail: Fail) {
  report.webhookInputs++;
  const plan = planWebhookRequest(target.doors, input);
  if (!plan) return;
  const mustStoreNothing = plan.forged || input.address !== "door";
  const before = mustStoreNothing ? await storedMark(target) : "";
  const body = plan.method === "GET" ? undefined : new Uint8Array(Buffer.from(plan.knock.body));
  const describe = `${plan.method} ${plan.url} ${JSON.stringify(plan.knock.headers)} ${Buffer.from(body ?? []).toString("utf8", 0, 1500)}`;
  const answer = await send(plan.url, { method: plan.method, headers: plan.knock.headers, body });
  if (answer === "timeout") {
    report.timeouts++;
    fail("timeout", 0, describe, "");
    return;
  }
  if (answer === "refused") return;
  tally(report, answer, fail, describe);
  if (mustStoreNothing) {
    report.forgedInputs++;
    if ((await storedMark(target)) !== before) {
      report.storedFromForged++;
      fail("stored from forged", answer.status, describe, answer.text);
    }
  }
}

async function sendApi(
  target: FuzzTarget,
  input: ApiInput,
  headers: Awaited<ReturnType<FuzzTarget["headersFor"]>>,
  report: FuzzReport,
  fail: Fail,
) {
  report.apiInputs++;
  const route = target.routes[input.route % target.routes.length]!;
  const query = new URLSearchParams(input.query).toString();
  const url = `${target.url}${apiPath(route, input.params, target.pool)}${query ? `?${query}` : ""}`;
  const text = input.method === "GET" || input.method === "HEAD" ? undefined : apiBodyText(input.body);
  const describe = `${input.method} ${url} as ${input.caller} ${text?.slice(0, 1500) ?? ""}`;
  const answer = await send(url, {
    method: input.method,
    headers: {
      ...headers[input.caller],
      ...(text === undefined ? {} : { "content-type": "application/json" }),
    },
    body: text,
  });
  if (answer === "timeout") {
    report.timeouts++;
    fail("timeout", 0, describe, "");
    return;
  }
  if (answer === "refused") return;
  tally(report, answer, fail, describe);
  const anonymous = input.caller === "nobody" || input.caller === "made_up_token";
  const needsSignIn = route.path.startsWith("/api/") && !route.public && route.path !== "/api/openapi.json";
  if (anonymous && needsSignIn && input.method === route.method && answer.status < 300) {
    report.unauthenticatedAccepted++;
    fail("unauthenticated accepted", answer.status, describe, answer.text);
  }
  if (target.secrets.some((secret) => answer.text.includes(secret))) {
    report.secretsLeaked++;
    fail("secret in answer", answer.status, describe, answer.text);
  }
}
