import type { Hono } from "hono";
import { stream } from "hono/streaming";
import type { XTweet } from "../../channels/x/xTypes.ts";
import type { SimulatorState } from "../simulatorState.ts";
import { authenticate } from "./fakeXAnswers.ts";
import type { FakeXState } from "./fakeXState.ts";

/**
 * GET /2/tweets/search/stream: newline-delimited JSON, a blank "\r\n" keep-alive every `keepAliveMs`, and a
 * dropped connection after `dropEveryPosts` posts, as the real stream does now and then. `backfill_minutes`
 * replays the posts of the last minutes that match the rules (so a reconnect sees duplicates Parley must drop).
 * One connection per app: a second one while the first is open is refused with 429 ConnectionException.
 */
export function mountXStream(app: Hono, sim: SimulatorState, x: FakeXState): void {
  app.get("/2/tweets/search/stream", (c) => {
    const account = authenticate(c, x);
    if (account instanceof Response) return account;
    sim.record({
      platform: "x",
      method: "GET /2/tweets/search/stream",
      params: c.req.query(),
      outcome: "ok",
    });
    if (x.streamConnections > 0)
      return c.json(
        {
          title: "ConnectionException",
          detail: "This stream is currently at the maximum allowed connection limit.",
          type: "https://api.twitter.com/2/problems/streaming-connection",
          connection_issue: "TooManyConnections",
        },
        429,
      );
    const backfill = Number(c.req.query("backfill_minutes") ?? 0);
    return stream(c, async (out) => {
      let sent = 0;
      let closed = false;
      /** Lines waiting to be written; `live` ones count towards the drop, backfill replays do not. */
      const queue: { line: string; live: boolean }[] = [];
      let wake: (() => void) | null = null;
      const lineOf = (tweet: XTweet) => {
        const rules = x.matchingRules(tweet);
        if (rules.length === 0) return null;
        return `${JSON.stringify({
          data: tweet,
          includes: x.includesFor([tweet]),
          matching_rules: rules.map((r) => ({ id: r.id, tag: r.tag ?? "" })),
        })}\r\n`;
      };
      const push = (line: string | null, live = true) => {
        if (!line) return;
        queue.push({ line, live });
        wake?.();
      };
      if (backfill > 0) {
        const since = Date.now() - backfill * 60_000;
        for (const tweet of x.tweets)
          if (tweet.created_at && Date.parse(tweet.created_at) >= since) push(lineOf(tweet), false);
      }
      const unsubscribe = x.onPost((tweet) => push(lineOf(tweet)));
      out.onAbort(() => {
        closed = true;
        wake?.();
      });
      const keepAlive = setInterval(() => push("\r\n"), x.options.keepAliveMs);
      try {
        while (!closed) {
          if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          while (queue.length > 0 && !closed) {
            const { line, live } = queue.shift()!;
            await out.write(line);
            if (live && line !== "\r\n") sent += 1;
            if (x.options.dropEveryPosts > 0 && sent >= x.options.dropEveryPosts) {
              closed = true;
              break;
            }
          }
        }
      } finally {
        clearInterval(keepAlive);
        unsubscribe();
      }
    });
  });
}
