import type { XDmEvent, XRule, XTweet, XUser } from "../../channels/x/xTypes.ts";

export interface FakeXAccount {
  accountId: string;
  username: string;
  name: string;
  /** Bearer tokens (user and app) the fake accepts for this account. */
  tokens: Set<string>;
}

export interface FakeXOptions {
  /** Keep-alive blank lines this often on the stream (X: 20 s). */
  keepAliveMs?: number | undefined;
  /** The stream drops the connection after this many posts (0: never), as X does now and then. */
  dropEveryPosts?: number | undefined;
  /** Success status of POST /2/tweets (PLATFORMS.md §12.9 leaves 200 vs 201 open). */
  createStatus?: 200 | 201 | undefined;
  /** Error shape: RFC 7807 problems (API v2) or the legacy {errors:[{code,message}]}. */
  errorShape?: "problem" | "legacy" | undefined;
}

/** Everything the fake X knows, shared by its routes and its stream. Ids are 64-bit, made as strings. */
export class FakeXState {
  readonly accounts = new Map<string, FakeXAccount>();
  readonly users = new Map<string, XUser>();
  readonly tweets: XTweet[] = [];
  readonly dms: XDmEvent[] = [];
  readonly rules: XRule[] = [];
  readonly hidden = new Set<string>();
  readonly likes = new Set<string>();
  /** Codes handed out by the authorize page, to their PKCE challenge. */
  readonly authCodes = new Map<string, { challenge: string; accountId: string }>();
  readonly refreshTokens = new Map<string, string>();
  /** Set by a test or the demo: every API call answers 429 UsageCapExceeded. */
  usageCapped = false;
  /** Calls answered with the usage cap, as "METHOD /path": a test counts what was tried after the cap. */
  readonly cappedCalls: string[] = [];
  readonly options: Required<FakeXOptions>;
  readonly #listeners = new Set<(tweet: XTweet) => void>();
  #next = 1_900_000_000_000_000_000n;

  constructor(options: FakeXOptions = {}) {
    this.options = {
      keepAliveMs: options.keepAliveMs ?? 20_000,
      dropEveryPosts: options.dropEveryPosts ?? 0,
      createStatus: options.createStatus ?? 201,
      errorShape: options.errorShape ?? "problem",
    };
  }

  nextId(): string {
    this.#next += 1n + BigInt(Math.floor(Math.random() * 1000));
    return this.#next.toString();
  }

  accountByToken(token: string): FakeXAccount | undefined {
    for (const account of this.accounts.values()) if (account.tokens.has(token)) return account;
    return undefined;
  }

  /** A new post: kept for the timeline and sent down every open stream whose rules it matches. */
  post(tweet: XTweet): void {
    this.tweets.push(tweet);
    for (const listener of this.#listeners) listener(tweet);
  }

  onPost(listener: (tweet: XTweet) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get streamConnections(): number {
    return this.#listeners.size;
  }

  /** Which of Parley's rules a post matches: a crude reading of the rule language (handles and OR-ed words). */
  matchingRules(tweet: XTweet): XRule[] {
    const text = tweet.text.toLowerCase();
    return this.rules.filter((rule) => {
      const words = rule.value
        .replace(/-is:retweet/g, "")
        .replace(/[()]/g, " ")
        .split(/\s+OR\s+/)
        .map((w) => w.trim().replace(/^"|"$/g, "").toLowerCase())
        .filter(Boolean);
      return words.some((w) => {
        if (w.startsWith("to:"))
          return (
            tweet.in_reply_to_user_id !== undefined &&
            this.userByName(w.slice(3))?.id === tweet.in_reply_to_user_id
          );
        return text.includes(w);
      });
    });
  }

  userByName(username: string): XUser | undefined {
    for (const user of this.users.values())
      if (user.username.toLowerCase() === username.toLowerCase()) return user;
    return undefined;
  }

  includesFor(tweets: XTweet[]): { users: XUser[]; tweets: XTweet[] } {
    const userIds = new Set<string>();
    const refs = new Set<string>();
    for (const t of tweets) {
      if (t.author_id) userIds.add(t.author_id);
      if (t.in_reply_to_user_id) userIds.add(t.in_reply_to_user_id);
      for (const r of t.referenced_tweets ?? []) refs.add(r.id);
      if (t.conversation_id && t.conversation_id !== t.id) refs.add(t.conversation_id);
    }
    return {
      users: [...userIds].flatMap((id) => (this.users.get(id) ? [this.users.get(id)!] : [])),
      tweets: this.tweets.filter((t) => refs.has(t.id)),
    };
  }
}
