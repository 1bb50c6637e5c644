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
      error: retryableError(
        timedOut ? "timeout" : "network_error",
        timedOut ? `No answer from the platform within ${timeoutMs} ms` : `Network error: ${String(err)}`,
      ),
    };
  }
}

/** Parses an HTTP Retry-After header given in seconds; dates are rare on platform APIs and ignored. */
export function retryAfterHeader(headers: Headers): number | undefined {
  const value = headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
