import { type DeliveryError, permanentError, retryableError } from "../../domain/deliveryError.ts";
import type { XErrorBody, XProblem } from "./xTypes.ts";

/** X answers a usage cap with this problem type (PLATFORMS.md §9.3); it is the month's (or day's) budget, gone. */
const USAGE_CAPPED = "https://api.twitter.com/2/problems/usage-capped";
/** Legacy codes: 88 rate limit exceeded, 89/32 invalid or expired token. */
const LEGACY_RATE_LIMIT = 88;
const LEGACY_BAD_TOKEN = new Set([32, 89]);

/** Seconds until `x-rate-limit-reset` (Unix epoch seconds), or undefined when the header is missing. */
export function rateLimitWait(headers: Headers, now = Date.now()): number | undefined {
  const reset = Number(headers.get("x-rate-limit-reset"));
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  return Math.max(1, Math.ceil(reset - now / 1000));
}

/**
 * A usage-capped channel waits until the cap's period is over: the next UTC month (or day) begins. X does not
 * say when the project's cap resets in the error (its usage endpoint does), so the start of the next period is
 * the earliest moment a retry can make sense.
 */
export function usageCapWait(period: string | undefined, now = new Date()): number {
  const next =
    period?.toLowerCase() === "daily"
      ? Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)
      : Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return Math.max(60, Math.ceil((next - now.getTime()) / 1000));
}

function problemOf(body: unknown): { problem: XProblem | null; legacyCode: number | undefined } {
  if (typeof body !== "object" || body === null) return { problem: null, legacyCode: undefined };
  const envelope = body as XErrorBody;
  const first = Array.isArray(envelope.errors) ? envelope.errors[0] : undefined;
  if (envelope.title || envelope.type) return { problem: envelope, legacyCode: undefined };
  if (first) return { problem: first, legacyCode: typeof first.code === "number" ? first.code : undefined };
  return { problem: null, legacyCode: undefined };
}

/**
 * Maps an X answer that is no success to a DeliveryError. Both error shapes are read: the RFC 7807 problem of
 * API v2 and the legacy `{errors:[{code,message}]}` docs.x.com still shows (PLATFORMS.md §9.3). A usage cap is
 * its own code, `usage_capped`: it pauses the channel until the cap's period is over instead of being retried.
 */
export function xError(status: number, headers: Headers, body: unknown, now = new Date()): DeliveryError {
  const { problem, legacyCode } = problemOf(body);
  const words = problem?.detail ?? problem?.title ?? (problem as { message?: string } | null)?.message;
  const message = `X ${status}: ${words ?? `HTTP ${status}`}`;
  const label = legacyCode !== undefined ? `X error ${legacyCode}` : `X ${status}`;
  const wait = rateLimitWait(headers, now.getTime());
  const error = (): DeliveryError => {
    if (problem?.type === USAGE_CAPPED || problem?.title === "UsageCapExceeded")
      return {
        ...retryableError("usage_capped", message, usageCapWait(problem.period, now)),
        status: "X usage cap",
      };
    if (status === 429 || legacyCode === LEGACY_RATE_LIMIT)
      return retryableError("rate_limited", message, wait ?? 60);
    if (status >= 500) return retryableError("platform_unavailable", message, wait);
    if (status === 401 || (legacyCode !== undefined && LEGACY_BAD_TOKEN.has(legacyCode)))
      return permanentError("token_invalid", message, true);
    if (status === 403) return permanentError("forbidden", message);
    if (status === 404) return permanentError("not_found", message);
    return permanentError("rejected", message);
  };
  return { status: label, ...error() };
}
