import type { Hono } from "hono";
import type { XTweet } from "../../channels/x/xTypes.ts";
import type { CustomerAction, DeliveryOutcome, PlatformFake, SimulatedPerson } from "../customerDriver.ts";
import type { SimulatorState } from "../simulatorState.ts";
import { mountXRoutes } from "./fakeXRoutes.ts";
import { type FakeXAccount, type FakeXOptions, FakeXState } from "./fakeXState.ts";
import { mountXStream } from "./fakeXStream.ts";

/** A person's X user id: 64-bit, beyond what a JavaScript number holds exactly. */
export function xUserIdOf(personId: number): string {
  return (9_007_199_254_740_993n + BigInt(personId)).toString();
}

/**
 * A fake of X API v2 (PLATFORMS.md §9): the filtered stream with keep-alives and drops, its rules, the mentions
 * timeline, DM events, posts, hidden replies, likes and the OAuth 2.0 token endpoint. Customers act by posting
 * (a mention, or a reply under the brand's post) and by writing DMs; Parley hears them by polling or streaming.
 */
export function createXFake(options: FakeXOptions = {}) {
  const x = new FakeXState(options);

  function userFor(person: SimulatedPerson) {
    const id = xUserIdOf(person.id);
    if (!x.users.has(id))
      x.users.set(id, {
        id,
        name: [person.firstName, person.lastName].filter(Boolean).join(" "),
        username: (person.username ?? `${person.firstName}${person.id}`).replace(/\W/g, "_").slice(0, 15),
        public_metrics: { followers_count: (person.id * 37) % 5000 },
      });
    return x.users.get(id)!;
  }

  /** A customer's post: `replyTo` answers a post (the brand's), otherwise it stands alone. */
  function post(person: SimulatedPerson, text: string, replyTo?: string): XTweet {
    const user = userFor(person);
    const id = x.nextId();
    const parent = replyTo ? x.tweets.find((t) => t.id === replyTo) : undefined;
    const mentions = [...text.matchAll(/@(\w{1,15})/g)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      username: m[1]!,
      ...(x.userByName(m[1]!) ? { id: x.userByName(m[1]!)!.id } : {}),
    }));
    const tweet: XTweet = {
      id,
      text,
      edit_history_tweet_ids: [id],
      author_id: user.id,
      conversation_id: parent?.conversation_id ?? id,
      created_at: new Date().toISOString(),
      lang: person.languageCode,
      ...(mentions.length > 0 ? { entities: { mentions } } : {}),
      ...(parent
        ? {
            in_reply_to_user_id: parent.author_id,
            referenced_tweets: [{ type: "replied_to" as const, id: parent.id }],
          }
        : {}),
    };
    x.post(tweet);
    return tweet;
  }

  /** The customer edits a post: a new id whose history lists every version, oldest first. */
  function edit(tweetId: string, text: string): XTweet {
    const old = x.tweets.find((t) => t.id === tweetId);
    if (!old) throw new Error(`No post ${tweetId}`);
    const id = x.nextId();
    const tweet: XTweet = {
      ...old,
      id,
      text,
      edit_history_tweet_ids: [...(old.edit_history_tweet_ids ?? [old.id]), id],
      created_at: new Date().toISOString(),
    };
    x.post(tweet);
    return tweet;
  }

  function dm(account: FakeXAccount, person: SimulatedPerson, text: string) {
    const user = userFor(person);
    const pair = [account.accountId, user.id].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    const event = {
      id: x.nextId(),
      event_type: "MessageCreate",
      text,
      sender_id: user.id,
      dm_conversation_id: pair.join("-"),
      participant_ids: pair,
      created_at: new Date().toISOString(),
    };
    x.dms.push(event);
    return event;
  }

  const fake: PlatformFake = {
    platform: "x",
    mount(app: Hono, state: SimulatorState) {
      mountXStream(app, state, x);
      mountXRoutes(app, state, x);
    },
    accounts: () => [...x.accounts.keys()],
    async act(accountName: string, action: CustomerAction): Promise<DeliveryOutcome> {
      const account = x.accounts.get(accountName);
      if (!account) throw new Error(`No X account ${accountName}`);
      if (action.visibility === "private")
        return { status: 0, payload: dm(account, action.person, action.text) };
      const brandPost =
        action.replyToCommentId ?? [...x.tweets].reverse().find((t) => t.author_id === account.accountId)?.id;
      const text = brandPost ? action.text : `@${account.username} ${action.text}`;
      return { status: 0, payload: post(action.person, text, brandPost) };
    },
  };

  return {
    ...fake,
    state: x,
    addAccount(account: { accountId: string; username: string; name: string; tokens: string[] }) {
      x.accounts.set(account.username, { ...account, tokens: new Set(account.tokens) });
      x.users.set(account.accountId, {
        id: account.accountId,
        name: account.name,
        username: account.username,
        public_metrics: { followers_count: 120_000 },
      });
    },
    post,
    edit,
    dm: (username: string, person: SimulatedPerson, text: string) =>
      dm(x.accounts.get(username)!, person, text),
    /** The brand's own post, for customers to answer under. */
    brandPost(username: string, text: string): XTweet {
      const account = x.accounts.get(username)!;
      const id = x.nextId();
      const tweet: XTweet = {
        id,
        text,
        edit_history_tweet_ids: [id],
        author_id: account.accountId,
        conversation_id: id,
        created_at: new Date().toISOString(),
      };
      x.post(tweet);
      return tweet;
    },
  };
}
