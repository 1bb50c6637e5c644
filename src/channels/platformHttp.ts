import { type DeliveryError, permanentError, retryableError } from "../domain/deliveryError.ts";
import { guardedFetch, refusedAddress } from "../net/guardedFetch.ts";

export interface PlatformResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * One HTTP call to a platform API or a configured webhook. Network failures and timeouts come back as a
 * retryable DeliveryError instead of an exception, so every adapter maps errors the same way. The URL is
 * configuration (apiBaseUrl, webhook URLs), so the connection goes through guardedFetch: a private, local or
 * link-local address that PARLEY_OUTBOUND_ALLOW_PRIVATE does not allow is refused, redirects included.
 */
export async function callPlatform(
  url: string,
  init: RequestInit,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<{ ok: true; response: PlatformResponse } | { ok: false; error: DeliveryError }> {
  try {
    const res = await guardedFetch(url, {
      ...(init as Parameters<typeof guardedFetch>[1]),
      signal: init.signal ?? AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text.length > 0 ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { ok: true, response: { status: res.status, headers: res.headers as Headers, body, text } };
  } catch (err) {
    // Retrying cannot help until the configuration changes, and the answer names no resolved address.
    const refused = refusedAddress(err);
    if (refused) return { ok: false, error: permanentError(refused.code, refused.message) };
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    return {
      ok: false,
      error: {
        ...retryableError(
          timedOut ? "timeout" : "network_error",
          timedOut ? `No answer from the platform within ${timeoutMs} ms` : `Network error: ${String(err)}`,
        ),
        status: timedOut ? "timeout" : "network error",
      },
    };
  }
}

/**
 * The HTTP Retry-After header in seconds from `now`: either delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * A date already past means "now" (0); anything unreadable is no hint at all.
 */
export function retryAfterHeader(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  if (Number.isNaN(at) || !/[a-z]/i.test(value)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * A bare HTTP failure without the platform's own error envelope (a proxy's 429 or 503, an HTML error page):
 * 429 is throttling and 5xx an outage, both retried after the Retry-After header when there is one. `product`
 * names the platform in the status label; nothing of the body is kept.
 */
export function httpStatusRefusal(product: string, status: number, headers: Headers): DeliveryError | null {
  const label = `${product} HTTP ${status}`;
  const hint = retryAfterHeader(headers);
  if (status === 429)
    return { ...retryableError("rate_limited", `${label}: too many requests`, hint), status: label };
  if (status >= 500)
    return {
      ...retryableError("platform_unavailable", `${label}: the platform is unavailable`, hint),
      status: label,
    };
  return null;
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
