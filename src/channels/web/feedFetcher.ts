import { guardedFetch, refusedAddress } from "../../net/guardedFetch.ts";
import { retryAfterHeader } from "../platformHttp.ts";

/** A feed bigger than this is refused: a real feed is kilobytes, a runaway one must not fill the worker's memory. */
export const MAX_FEED_BYTES = 5 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

export interface FeedValidators {
  etag: string | null;
  lastModified: string | null;
}

export type FeedFetch =
  | { kind: "not_modified"; status: 304 }
  | { kind: "fetched"; status: number; body: string; validators: FeedValidators }
  | {
      kind: "failed";
      /** Machine code the health page words: http_error, too_large, refused_address, network_error, timeout. */
      code: string;
      reason: string;
      status?: number | undefined;
      /** Seconds the server asked us to wait (429/503 Retry-After). */
      retryAfter?: number | undefined;
    };

/**
 * One conditional GET of a feed: the validators of the last good answer go along (If-None-Match,
 * If-Modified-Since; RFC 9110 §13.1), so an unchanged feed costs a 304 and no parsing. The address is an admin's
 * configuration, so the connection goes through the SSRF guard, redirects included; the body is read up to
 * MAX_FEED_BYTES and decoded in the charset the server or the XML declaration names (windows-1251 is common on
 * Russian sites).
 */
export async function fetchFeed(
  url: string,
  validators: FeedValidators,
  options: { maxBytes?: number; timeoutMs?: number; signal?: AbortSignal | undefined } = {},
): Promise<FeedFetch> {
  const maxBytes = options.maxBytes ?? MAX_FEED_BYTES;
  const headers: Record<string, string> = {
    accept: "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
    "user-agent": "Parley feed reader (+https://github.com/parley)",
  };
  if (validators.etag) headers["if-none-match"] = validators.etag;
  if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const res = await guardedFetch(url, { headers, signal });
    if (res.status === 304) {
      await res.body?.cancel();
      return { kind: "not_modified", status: 304 };
    }
    if (res.status < 200 || res.status >= 300) {
      await res.body?.cancel();
      return {
        kind: "failed",
        code: "http_error",
        status: res.status,
        reason: `The feed answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`,
        retryAfter:
          res.status === 429 || res.status >= 500 ? retryAfterHeader(res.headers as Headers) : undefined,
      };
    }
    const declared = Number(res.headers.get("content-length") ?? "0");
    if (declared > maxBytes) {
      await res.body?.cancel();
      return tooLarge(maxBytes);
    }
    const bytes = await readCapped(res.body, maxBytes);
    if (!bytes) return tooLarge(maxBytes);
    return {
      kind: "fetched",
      status: res.status,
      body: decodeFeed(bytes, res.headers.get("content-type")),
      validators: { etag: res.headers.get("etag"), lastModified: res.headers.get("last-modified") },
    };
  } catch (err) {
    const refused = refusedAddress(err);
    if (refused) return { kind: "failed", code: "refused_address", reason: refused.message };
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    if (timedOut)
      return {
        kind: "failed",
        code: "timeout",
        reason: `No answer within ${(options.timeoutMs ?? TIMEOUT_MS) / 1000} s`,
      };
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return {
      kind: "failed",
      code: "network_error",
      reason: `Could not reach the feed: ${cause?.code ?? cause?.message ?? String(err)}`,
    };
  }
}

function tooLarge(maxBytes: number): FeedFetch {
  return {
    kind: "failed",
    code: "too_large",
    reason: `The feed is larger than ${Math.round(maxBytes / 1024)} KiB`,
  };
}

/** The body's bytes, or null as soon as they pass the cap (the rest is never read). */
async function readCapped(
  body: { getReader(): ReadableStreamDefaultReader<Uint8Array> } | null,
  maxBytes: number,
): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
}

/** The charset from Content-Type, else from `<?xml ... encoding="...">`, else UTF-8; an unknown one reads as UTF-8. */
export function decodeFeed(bytes: Uint8Array, contentType: string | null): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? "")?.[1];
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  const fromXml = /<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  for (const label of [fromHeader, fromXml, "utf-8"]) {
    if (!label) continue;
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // An encoding this runtime does not know: try the next hint.
    }
  }
  return new TextDecoder().decode(bytes);
}
