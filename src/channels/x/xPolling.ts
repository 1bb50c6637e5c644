import { type DeliveryError, PlatformRefusal } from "../../domain/deliveryError.ts";
import type { ChannelContext, PollResult, RawEventInput } from "../channelAdapter.ts";
import { callX } from "./xHttp.ts";
import { DM_QUERY, TWEET_QUERY } from "./xQuery.ts";
import type { XSettings } from "./xSettings.ts";
import type { XDmEvent, XIncludes, XTweet } from "./xTypes.ts";

/** Where polling left off: the newest mention (`since_id`) and the newest DM event seen. */
interface XCursor {
  mentionsSinceId?: string | undefined;
  dmNewestId?: string | undefined;
  /** When the last poll ran (ms), to keep the configured interval between polls. */
  polledAt?: number | undefined;
}

interface Page<T> {
  data?: T[];
  includes?: XIncludes;
  meta?: { newest_id?: string; next_token?: string; result_count?: number };
}

const MAX_PAGES = 5;
/** Waits inside one poll call stay short, so the poller renews its lease between them. */
const MAX_WAIT_MS = 20_000;

function readCursor(cursor: string | null): XCursor {
  if (!cursor) return {};
  try {
    return JSON.parse(cursor) as XCursor;
  } catch {
    return {};
  }
}

const newer = (a: string, b: string | undefined) => b === undefined || BigInt(a) > BigInt(b);

/** Per endpoint, when X said the window is spent (x-rate-limit-remaining: 0): no call before its reset. */
const spentUntil = new Map<string, number>();

function honourRemaining(key: string, headers: Headers): void {
  if (headers.get("x-rate-limit-remaining") !== "0") return;
  const reset = Number(headers.get("x-rate-limit-reset"));
  if (Number.isFinite(reset)) spentUntil.set(key, reset * 1000);
}

function checkWindow(key: string, now: number): void {
  const until = spentUntil.get(key);
  if (until === undefined || until <= now) return;
  const error: DeliveryError = {
    code: "rate_limited",
    message: `X rate-limit window of ${key.split(":")[1]} spent until ${new Date(until).toISOString()}`,
    retryable: true,
    retryAfterSeconds: Math.ceil((until - now) / 1000),
    status: "X rate limit",
    // Only this endpoint waits: replies still go out.
    scope: "method",
  };
  throw new PlatformRefusal(error);
}

/** The posts of a page as Parley stores them: one envelope per post, with the includes it names. */
export function postEvents(page: Page<XTweet>): RawEventInput[] {
  return (page.data ?? []).map((tweet) => ({
    dedupKey: `tweet:${tweet.id}`,
    payload: { data: tweet, includes: page.includes ?? {}, parley_source: "mentions" },
  }));
}

async function pollMentions(
  channel: ChannelContext<XSettings>,
  sinceId: string | undefined,
  signal: AbortSignal,
) {
  const key = `${channel.id}:mentions`;
  checkWindow(key, Date.now());
  const events: RawEventInput[] = [];
  let newest = sinceId;
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await callX<Page<XTweet>>(channel, {
      method: "GET",
      path: `2/users/${channel.settings.accountId}/mentions`,
      query: { ...TWEET_QUERY, max_results: "100", since_id: sinceId, pagination_token: token },
      auth: "user",
      signal,
    });
    if (!answer.ok) throw new PlatformRefusal(answer.error);
    honourRemaining(key, answer.headers);
    events.push(...postEvents(answer.body));
    const top = answer.body.meta?.newest_id;
    if (top && newer(top, newest)) newest = top;
    token = answer.body.meta?.next_token;
    // Without since_id only the newest page is read: history is not replayed into the inbox on first connect.
    if (!token || !sinceId) break;
  }
  return { events, newest };
}

async function pollDms(
  channel: ChannelContext<XSettings>,
  newestSeen: string | undefined,
  signal: AbortSignal,
) {
  const key = `${channel.id}:dm_events`;
  checkWindow(key, Date.now());
  // dm_events has no since_id: the newest page is read and what is not newer than the last seen is dropped.
  const answer = await callX<Page<XDmEvent>>(channel, {
    method: "GET",
    path: "2/dm_events",
    query: { ...DM_QUERY, max_results: "100" },
    auth: "user",
    signal,
  });
  if (!answer.ok) throw new PlatformRefusal(answer.error);
  honourRemaining(key, answer.headers);
  let newest = newestSeen;
  const events: RawEventInput[] = [];
  for (const event of answer.body.data ?? []) {
    if (!newer(event.id, newestSeen)) continue;
    if (newer(event.id, newest)) newest = event.id;
    events.push({
      dedupKey: `dm:${event.id}`,
      payload: { data: event, includes: answer.body.includes ?? {} },
    });
  }
  return { events, newest };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

/**
 * Mentions timeline with `since_id` (for plans without the stream) and DM events, at the channel's interval.
 * The cursor moves in the transaction that stores the events (storeRawEvents), so a crash replays, never skips.
 */
export async function pollX(
  channel: ChannelContext<XSettings>,
  cursorText: string | null,
  signal: AbortSignal,
): Promise<PollResult> {
  const cursor = readCursor(cursorText);
  const due = (cursor.polledAt ?? 0) + channel.settings.pollIntervalSeconds * 1000;
  const wait = due - Date.now();
  if (wait > 0) {
    await sleep(Math.min(wait, MAX_WAIT_MS), signal);
    if (Date.now() < due) return { events: [], nextCursor: cursorText };
  }
  const next: XCursor = { ...cursor, polledAt: Date.now() };
  const events: RawEventInput[] = [];
  if (channel.settings.mentions === "polling") {
    const mentions = await pollMentions(channel, cursor.mentionsSinceId, signal);
    events.push(...mentions.events);
    next.mentionsSinceId = mentions.newest;
  }
  if (channel.settings.directMessages === "polling") {
    const dms = await pollDms(channel, cursor.dmNewestId, signal);
    events.push(...dms.events);
    next.dmNewestId = dms.newest;
  }
  return { events, nextCursor: JSON.stringify(next) };
}

/** The channel needs the poller: mentions without the stream, or DMs without Account Activity webhooks. */
export function xWantsPolling(settings: XSettings): boolean {
  return settings.mentions === "polling" || settings.directMessages === "polling";
}
