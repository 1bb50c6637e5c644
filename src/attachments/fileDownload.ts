import { guardedFetch, refusedAddress } from "../net/guardedFetch.ts";
import { SNIFF_BYTES } from "./servedType.ts";

export type DownloadFailure = "gone" | "too_large" | "refused" | "unavailable";

/** Why a file could not be relayed; `detail` is for the log and names neither the address nor a token. */
export class AttachmentUnavailableError extends Error {
  override readonly name = "AttachmentUnavailableError";
  readonly reason: DownloadFailure;
  constructor(reason: DownloadFailure, detail: string) {
    super(detail);
    this.reason = reason;
  }
}

export interface FileSource {
  url: string;
  headers?: Record<string, string> | undefined;
  /** What the platform said the size is, checked before any byte is asked for. */
  size?: number | undefined;
}

export interface DownloadedFile {
  /** The first bytes, for sniffType; also the start of `body`. */
  head: Uint8Array;
  /** The platform's Content-Type header, a hint. */
  declaredType: string | undefined;
  /** The file's length in bytes where the platform said it of the bytes as they come (no content coding). */
  size: number | undefined;
  /** The whole file, head included; errors once more than maxBytes have come. */
  body: ReadableStream<Uint8Array>;
}

export interface DownloadOptions {
  maxBytes: number;
  /** Aborts the platform request, e.g. when the browser goes away. */
  signal?: AbortSignal | undefined;
  /** How long the platform may take to start answering; the body then streams at its own pace. */
  answerTimeoutMs?: number | undefined;
}

/**
 * Starts downloading a platform file through guardedFetch (private and local addresses refused, redirects
 * included) and hands it on as a stream that stops at `maxBytes`: a declared size or Content-Length over the
 * limit is refused before the body is read, and a body that keeps coming past it is cut off.
 */
export async function downloadFile(source: FileSource, options: DownloadOptions): Promise<DownloadedFile> {
  const { maxBytes } = options;
  if (source.size !== undefined && source.size > maxBytes)
    throw new AttachmentUnavailableError("too_large", `declared ${source.size} bytes`);
  const answerTimer = new AbortController();
  const timer = setTimeout(() => answerTimer.abort(), options.answerTimeoutMs ?? 15_000);
  let response: Awaited<ReturnType<typeof guardedFetch>>;
  try {
    response = await guardedFetch(source.url, {
      headers: { ...source.headers, accept: "*/*" },
      signal: options.signal ? AbortSignal.any([options.signal, answerTimer.signal]) : answerTimer.signal,
      redirect: "follow",
    });
  } catch (err) {
    const refused = refusedAddress(err);
    throw new AttachmentUnavailableError(
      refused ? "refused" : "unavailable",
      refused ? refused.code : answerTimer.signal.aborted ? "no answer in time" : "network error",
    );
  } finally {
    clearTimeout(timer);
  }
  const body = response.body;
  if (!response.ok || !body) {
    await body?.cancel().catch(() => {});
    const gone = response.status === 404 || response.status === 410 || response.status === 403;
    throw new AttachmentUnavailableError(gone ? "gone" : "unavailable", `HTTP ${response.status}`);
  }
  const declaredLength = Number(response.headers.get("content-length") ?? Number.NaN);
  // Content-Length counts encoded bytes; fetch decodes gzip, so it is a floor here, still enough to refuse early.
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes) {
    await body.cancel().catch(() => {});
    throw new AttachmentUnavailableError("too_large", `Content-Length ${declaredLength}`);
  }
  const reader = body.getReader();
  const start: Uint8Array[] = [];
  let received = 0;
  let ended = false;
  try {
    while (received < SNIFF_BYTES) {
      const { done, value } = await reader.read();
      if (done) {
        ended = true;
        break;
      }
      start.push(value);
      received += value.byteLength;
    }
  } catch {
    throw new AttachmentUnavailableError("unavailable", "the download broke off");
  }
  if (received > maxBytes) {
    await reader.cancel().catch(() => {});
    throw new AttachmentUnavailableError("too_large", `more than ${maxBytes} bytes`);
  }
  const head = concat(start, received).subarray(0, SNIFF_BYTES);
  return {
    head,
    declaredType: response.headers.get("content-type") ?? undefined,
    size:
      Number.isFinite(declaredLength) && !response.headers.get("content-encoding")
        ? declaredLength
        : undefined,
    body: new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of start) controller.enqueue(chunk);
        if (ended) controller.close();
      },
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            return;
          }
          received += value.byteLength;
          if (received > maxBytes) {
            await reader.cancel().catch(() => {});
            controller.error(new AttachmentUnavailableError("too_large", `more than ${maxBytes} bytes`));
            return;
          }
          controller.enqueue(value);
        } catch (err) {
          controller.error(err);
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    }),
  };
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const joined = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.byteLength;
  }
  return joined;
}
