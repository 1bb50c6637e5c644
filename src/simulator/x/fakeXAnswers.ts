import type { Context } from "hono";
import type { FakeXAccount, FakeXState } from "./fakeXState.ts";

/** X's rate-limit headers on every answer: a 15-minute window, reset as Unix epoch seconds. */
export function rateHeaders(remaining = 899): Record<string, string> {
  return {
    "x-rate-limit-limit": "900",
    "x-rate-limit-remaining": String(remaining),
    "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 900),
  };
}

/** An error in the shape the fake is set to: an RFC 7807 problem or the legacy envelope. */
export function xProblem(
  c: Context,
  state: FakeXState,
  status: 400 | 401 | 403 | 404 | 429,
  title: string,
  detail: string,
) {
  const body =
    state.options.errorShape === "legacy"
      ? { errors: [{ code: status === 429 ? 88 : status === 401 ? 89 : 0, message: detail }] }
      : { title, detail, type: "about:blank", status };
  return c.json(body, status, rateHeaders(status === 429 ? 0 : 10));
}

export function usageCapped(c: Context) {
  return c.json(
    {
      title: "UsageCapExceeded",
      detail: "Usage cap exceeded: Monthly product cap",
      type: "https://api.twitter.com/2/problems/usage-capped",
      period: "Monthly",
      scope: "Product",
    },
    429,
  );
}

/**
 * The account a request's bearer token names, or the error answer: 401 without a known token, 429 when the
 * project's usage cap is spent. OAuth 1.0a headers are accepted for the account whose consumer key they name.
 */
export function authenticate(c: Context, state: FakeXState): FakeXAccount | Response {
  if (state.usageCapped) {
    state.cappedCalls.push(`${c.req.method} ${new URL(c.req.url).pathname}`);
    return usageCapped(c);
  }
  const header = c.req.header("authorization") ?? "";
  if (header.startsWith("OAuth ")) {
    const key = /oauth_token="([^"]+)"/.exec(header)?.[1];
    const account = key ? state.accountByToken(decodeURIComponent(key)) : undefined;
    if (account && /oauth_signature="/.test(header)) return account;
  }
  const token = header.startsWith("Bearer ") ? header.slice(7) : "";
  const account = state.accountByToken(token);
  return account ?? xProblem(c, state, 401, "Unauthorized", "Unauthorized");
}
