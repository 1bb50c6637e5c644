import { guardedFetch } from "../../net/guardedFetch.ts";
import type { ChannelContext, StreamEnd } from "../channelAdapter.ts";
import { xError } from "./xError.ts";
import { authorization, xUrl } from "./xHttp.ts";
import { TWEET_QUERY } from "./xQuery.ts";
import type { XSettings } from "./xSettings.ts";
import type { XTweetEnvelope } from "./xTypes.ts";

/** "The stream sends blank lines (\r\n) every 20 seconds. If you don't receive data or a keep-alive for 20
 * seconds, reconnect." (PLATFORMS.md §9.1) */
export const KEEP_ALIVE_MS = 20_000;
/** A keep-alive sent on time can land a little late; without a margin every jitter would cost a reconnect. */
const STALL_GRACE_MS = 2_000;
const MAX_WAITING_LINES = 2_000;

export interface StreamHandlers {
  /** Called for each post line, in order; the stream waits while it runs (a slow store slows the reading). */
  onPosts(lines: XTweetEnvelope[]): Promise<void>;
  /** A line carrying only `errors` (an operational disconnect notice). */
  onNotice?(errors: unknown[]): void;
  onConnected?(): void;
}

export interface StreamOptions {
  backfillMinutes?: number | undefined;
  keepAliveMs?: number | undefined;
  signal: AbortSignal;
}

/**
 * One connection to GET /2/tweets/search/stream, read until it ends. The body is newline-delimited JSON, one
 * object per line, with blank keep-alive lines between; a line may arrive cut across chunks, so text is kept
 * until its newline. Lines read together in one chunk are handed over together (fewer store round trips).
 */
export async function readStreamOnce(
  channel: ChannelContext<XSettings>,
  handlers: StreamHandlers,
  options: StreamOptions,
): Promise<StreamEnd> {
  const keepAliveMs = options.keepAliveMs ?? KEEP_ALIVE_MS + STALL_GRACE_MS;
  const url = xUrl(channel, "2/tweets/search/stream", {
    ...TWEET_QUERY,
    ...(options.backfillMinutes ? { backfill_minutes: String(options.backfillMinutes) } : {}),
  });
  const auth = await authorization(channel, "app", "GET", url);
  if (!auth.ok) return { kind: "refused", error: auth.error };
  const connection = new AbortController();
  const stop = () => connection.abort();
  options.signal.addEventListener("abort", stop, { once: true });
  let stalled = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      connection.abort();
    }, keepAliveMs);
  };
  try {
    arm();
    const response = await guardedFetch(url, {
      headers: { authorization: auth.value },
      signal: connection.signal,
    });
    if (response.status !== 200) {
      const text = await response.text();
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {}
      return { kind: "refused", error: xError(response.status, response.headers as Headers, body) };
    }
    handlers.onConnected?.();
    if (!response.body) return { kind: "closed", detail: "no body" };
    const decoder = new TextDecoder();
    let pending = "";
    // Lines read while a store is in flight wait and go in the next store together: on a busy database one
    // round trip per line would hold the reading back to the database's pace per statement.
    let waiting: XTweetEnvelope[] = [];
    let storing: Promise<void> | null = null;
    const flush = (): Promise<void> => {
      if (storing || waiting.length === 0) return storing ?? Promise.resolve();
      const batch = waiting;
      waiting = [];
      storing = handlers.onPosts(batch).finally(() => {
        storing = null;
      });
      return storing.then(flush);
    };
    for await (const chunk of response.body) {
      arm();
      pending += decoder.decode(chunk as Uint8Array, { stream: true });
      const cut = pending.lastIndexOf("\n");
      if (cut < 0) continue;
      const complete = pending.slice(0, cut);
      pending = pending.slice(cut + 1);
      const posts: XTweetEnvelope[] = [];
      for (const raw of complete.split("\n")) {
        const line = raw.trim();
        if (!line) continue; // keep-alive
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          handlers.onNotice?.([{ title: "Unreadable stream line", detail: line.slice(0, 200) }]);
          continue;
        }
        const envelope = value as XTweetEnvelope & { errors?: unknown[] };
        if (envelope.data) posts.push({ ...envelope, parley_source: "stream" });
        else if (Array.isArray(envelope.errors)) handlers.onNotice?.(envelope.errors);
      }
      if (posts.length === 0) continue;
      waiting.push(...posts);
      const inFlight = flush();
      // Back-pressure: past this many waiting lines the reading stops until they are stored.
      if (waiting.length >= MAX_WAITING_LINES) await inFlight;
      // A failed store ends the connection; the reconnect's backfill brings the lines again.
      inFlight.catch(() => connection.abort());
    }
    await flush();
    return { kind: "closed", detail: "the server ended the stream" };
  } catch (err) {
    if (options.signal.aborted) return { kind: "stopped" };
    if (stalled) return { kind: "stalled", detail: `no data or keep-alive for ${keepAliveMs / 1000} s` };
    return { kind: "network", detail: String(err) };
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener("abort", stop);
  }
}

/**
 * The wait before reconnecting, after X's guidance for the filtered stream: a dropped connection (network,
 * stall) backs off linearly from 250 ms up to 16 s; an HTTP error exponentially from 5 s up to 320 s; a 429
 * exponentially from a minute, or until `x-rate-limit-reset` when X says.
 */
export function reconnectDelayMs(end: StreamEnd, attempt: number): number {
  if (end.kind === "stopped") return 0;
  if (end.kind !== "refused") return Math.min(250 * (attempt + 1), 16_000);
  const hint = end.error.retryAfterSeconds;
  if (end.error.code === "rate_limited")
    return Math.max((hint ?? 0) * 1000, Math.min(60_000 * 2 ** attempt, 15 * 60_000));
  return Math.max((hint ?? 0) * 1000, Math.min(5_000 * 2 ** attempt, 320_000));
}
