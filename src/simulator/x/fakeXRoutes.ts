import { createHash, randomBytes } from "node:crypto";
import type { Context, Hono } from "hono";
import type { SimulatorState } from "../simulatorState.ts";
import { authenticate, rateHeaders, xProblem } from "./fakeXAnswers.ts";
import type { FakeXState } from "./fakeXState.ts";

async function jsonOf(c: Context): Promise<Record<string, unknown>> {
  return ((await c.req.json().catch(() => null)) ?? {}) as Record<string, unknown>;
}

/** The posts, DMs, likes, hidden replies and rules endpoints of X API v2 that Parley calls. */
export function mountXRoutes(app: Hono, sim: SimulatorState, x: FakeXState): void {
  const record = (method: string, params: Record<string, unknown>) =>
    sim.record({ platform: "x", method, params, outcome: "ok" });

  app.get("/2/users/me", (c) => {
    const account = authenticate(c, x);
    if (account instanceof Response) return account;
    return c.json(
      { data: { id: account.accountId, name: account.name, username: account.username } },
      200,
      rateHeaders(),
    );
  });

  app.get("/2/users/:id/mentions", (c) => {
    const account = authenticate(c, x);
    if (account instanceof Response) return account;
    record("GET /2/users/:id/mentions", c.req.query());
    const since = c.req.query("since_id");
    const handle = `@${account.username.toLowerCase()}`;
    const found = x.tweets
      .filter((t) => t.author_id !== account.accountId)
      .filter((t) => t.text.toLowerCase().includes(handle) || t.in_reply_to_user_id === account.accountId)
      .filter((t) => !since || BigInt(t.id) > BigInt(since))
      .reverse()
      .slice(0, Number(c.req.query("max_results") ?? 10));
    if (found.length === 0) return c.json({ meta: { result_count: 0 } }, 200, rateHeaders());
    return c.json(
      {
        data: found,
        includes: x.includesFor(found),
        meta: { result_count: found.length, newest_id: found[0]!.id, oldest_id: found.at(-1)!.id },
      },
      200,
      rateHeaders(),
    );
  });

  app.post("/2/tweets", async (c) => {
    const account = authenticate(c, x);
    if (account instanceof Response) return account;
    const body = await jsonOf(c);
    record("POST /2/tweets", body);
    const text = typeof body.text === "string" ? body.text : "";
    if (!text || text.length > 280)
      return xProblem(c, x, 400, "Invalid Request", "text must be 1-280 characters");
    const reply = body.reply as { in_reply_to_tweet_id?: string } | undefined;
    const parent = reply?.in_reply_to_tweet_id
      ? x.tweets.find((t) => t.id === reply.in_reply_to_tweet_id)
      : undefined;
    if (reply && !parent)
      return xProblem(c, x, 400, "Invalid Request", "The post you are replying to does not exist");
    const id = x.nextId();
    x.post({
      id,
      text,
      edit_history_tweet_ids: [id],
      author_id: account.accountId,
      conversation_id: parent?.conversation_id ?? id,
      created_at: new Date().toISOString(),
      ...(parent
        ? {
            in_reply_to_user_id: parent.author_id,
            referenced_tweets: [{ type: "replied_to" as const, id: parent.id }],
          }
        : {}),
    });
    return c.json(
      { data: { id, text, edit_history_tweet_ids: [id] } },
      x.options.createStatus,
      rateHeaders(),
    );
  });

  app.put("/2/tweets/:id/hidden", async (c) => {
    const account = authenticate(c, x);
    if (account instanceof Response) return account;
    const body = await jsonOf(c);
    record("PUT /2/tweets/:id/hidden", { id: c.req.param("id"), ...body });
    if (body.hidden === true) x.hidden.add(c.req.param("id"));
    else x.hidden.delete(c.req.param("id"));
    return c.json({ data: { hidden: body.hidden === true } }, 200, rateHeaders());
  });

  app.post("/2/users/:id/likes", async (c) => {
    const account = authenticate(c, x);
    if (account instanceof Response) return account;
    const body = await jsonOf(c);
    record("POST /2/users/:id/likes", { id: c.req.param("id"), ...body });
    x.likes.add(String(body.tweet_id));
    return c.json({ data: { liked: true } }, 200, rateHeaders());
  });

  app.delete("/2/users/:id/likes/:tweetId", (c) => {
    const account = authenticate(c, x);
    if (account instanceof Response) return account;
    record("DELETE /2/users/:id/likes/:tweet_id", { tweetId: c.req.param("tweetId") });
    x.likes.delete(c.req.param("tweetId"));
    return c.json({ data: { liked: false } }, 200, rateHeaders());
  });

  app.get("/2/dm_events", (c) => {
    const account = authenticate(c, x);
    if (account instanceof Response) return account;
    record("GET /2/dm_events", c.req.query());
    const mine = x.dms
      .filter((d) => d.participant_ids?.includes(account.accountId))
      .reverse()
      .slice(0, 100);
    const users = [...new Set(mine.map((d) => d.sender_id!))].flatMap((id) =>
      x.users.get(id) ? [x.users.get(id)!] : [],
    );
    return c.json(
      { data: mine, includes: { users }, meta: { result_count: mine.length } },
      200,
      rateHeaders(),
    );
  });

  app.post("/2/dm_conversations/with/:participantId/messages", async (c) => {
    const account = authenticate(c, x);
    if (account instanceof Response) return account;
    const body = await jsonOf(c);
    const other = c.req.param("participantId");
    record("POST /2/dm_conversations/with/:participant_id/messages", { participantId: other, ...body });
    const id = x.nextId();
    const pair = [account.accountId, other].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    x.dms.push({
      id,
      event_type: "MessageCreate",
      text: String(body.text ?? ""),
      sender_id: account.accountId,
      dm_conversation_id: pair.join("-"),
      participant_ids: pair,
      created_at: new Date().toISOString(),
    });
    return c.json({ data: { dm_conversation_id: pair.join("-"), dm_event_id: id } }, 201, rateHeaders());
  });

  app.get("/2/tweets/search/stream/rules", (c) => {
    const account = authenticate(c, x);
    if (account instanceof Response) return account;
    record("GET /2/tweets/search/stream/rules", c.req.query());
    return c.json(
      { data: x.rules, meta: { sent: new Date().toISOString(), result_count: x.rules.length } },
      200,
      rateHeaders(),
    );
  });

  app.post("/2/tweets/search/stream/rules", async (c) => {
    const account = authenticate(c, x);
    if (account instanceof Response) return account;
    const body = await jsonOf(c);
    record("POST /2/tweets/search/stream/rules", body);
    const added = ((body.add as { value: string; tag?: string }[] | undefined) ?? []).map((r) => ({
      id: x.nextId(),
      ...r,
    }));
    if (added.some((r) => r.value.length > 1024))
      return xProblem(c, x, 400, "Invalid Request", "Rule too long");
    x.rules.push(...added);
    const ids = new Set(((body.delete as { ids?: string[] } | undefined)?.ids ?? []).map(String));
    const before = x.rules.length;
    for (let i = x.rules.length - 1; i >= 0; i--) if (ids.has(x.rules[i]!.id)) x.rules.splice(i, 1);
    return c.json(
      {
        data: added,
        meta: {
          sent: new Date().toISOString(),
          summary: {
            created: added.length,
            not_created: 0,
            deleted: before - x.rules.length,
            not_deleted: 0,
          },
        },
      },
      200,
      rateHeaders(),
    );
  });

  // OAuth 2.0: the authorize page (an instant consent for the first account) and the token endpoint.
  app.get("/i/oauth2/authorize", (c) => {
    const account = [...x.accounts.values()][0];
    const redirect = c.req.query("redirect_uri");
    if (!account || !redirect) return c.text("no account or redirect_uri", 400);
    const code = randomBytes(12).toString("hex");
    x.authCodes.set(code, { challenge: c.req.query("code_challenge") ?? "", accountId: account.accountId });
    const back = new URL(redirect);
    back.searchParams.set("code", code);
    back.searchParams.set("state", c.req.query("state") ?? "");
    return c.redirect(back.toString());
  });

  app.post("/2/oauth2/token", async (c) => {
    const form = new URLSearchParams(await c.req.text());
    record("POST /2/oauth2/token", { grant_type: form.get("grant_type") });
    const issue = (accountId: string) => {
      const account = [...x.accounts.values()].find((a) => a.accountId === accountId)!;
      const access = randomBytes(16).toString("hex");
      const refresh = randomBytes(16).toString("hex");
      account.tokens.add(access);
      x.refreshTokens.set(refresh, accountId);
      return c.json({
        token_type: "bearer",
        expires_in: 7200,
        access_token: access,
        refresh_token: refresh,
        scope: "tweet.read tweet.write users.read dm.read dm.write like.write offline.access",
      });
    };
    if (form.get("grant_type") === "authorization_code") {
      const grant = x.authCodes.get(form.get("code") ?? "");
      const verifier = form.get("code_verifier") ?? "";
      const challenge = createHash("sha256").update(verifier).digest("base64url");
      if (!grant || grant.challenge !== challenge)
        return c.json(
          {
            error: "invalid_request",
            error_description: "Value passed for the authorization code was invalid.",
          },
          400,
        );
      x.authCodes.delete(form.get("code")!);
      return issue(grant.accountId);
    }
    if (form.get("grant_type") === "refresh_token") {
      const accountId = x.refreshTokens.get(form.get("refresh_token") ?? "");
      // A refresh token works once.
      if (!accountId)
        return c.json(
          { error: "invalid_request", error_description: "Value passed for the token was invalid." },
          400,
        );
      x.refreshTokens.delete(form.get("refresh_token")!);
      return issue(accountId);
    }
    return c.json({ error: "unsupported_grant_type" }, 400);
  });
}
