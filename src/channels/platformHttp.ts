import { type DeliveryError, retryableError } from "../domain/deliveryError.ts";

export interface PlatformResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * One HTTP call to a platform API. Network failures and timeouts come back as a retryable DeliveryError
 * instead of an exception, so every adapter maps errors the same way.
 */
export async function callPlatform(
  url: string,
  init: RequestInit,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<{ ok: true; response: PlatformResponse } | { ok: false; error: DeliveryError }> {
  try {
    const res = await fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text.length > 0 ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { ok: true, response: { status: res.status, headers: res.headers, body, text } };
  } catch (err) {
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
