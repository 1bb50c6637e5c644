import { randomBytes } from "node:crypto";
import type { CustomerAction, DeliveryOutcome, SimulatedPerson } from "../../simulator/customerDriver.ts";
import {
  answerSendApi,
  type GraphAnswer,
  type GraphCall,
  type GraphHandler,
  graphErrorAnswer,
  quickReplyToTap,
  type SentMessengerMessage,
} from "../meta/fakeGraphApi.ts";
import { deliverSignedMetaWebhook } from "../meta/metaWebhook.ts";

export interface FakeInstagramAccount {
  /** The Instagram professional account id (entry.id in webhooks). */
  accountId: string;
  username: string;
  accessToken: string;
  appSecret: string;
  webhookUrl?: string | undefined;
  /** Facebook Login delivers comments in `changes[]`; Instagram Login flat on the entry (PLATFORMS.md §4.1). */
  loginModel?: "facebook" | "instagram" | undefined;
}

interface Media {
  id: string;
  caption: string;
  username: string;
  timestamp: string;
}

interface Comment {
  id: string;
  mediaId: string;
  text: string;
  from: { id: string; username: string };
  timestamp: string;
}

interface AccountState extends FakeInstagramAccount {
  media: Media[];
  comments: Map<string, Comment>;
  /** Posts and comments of other people that @mention this account, readable only through mentioned_*. */
  mentionedMedia: Map<string, Media>;
  mentionedComments: Map<string, Comment>;
  /** Comments that already had their one private reply. */
  privateReplies: Set<string>;
  /** DMs sent to people, with their quick replies. */
  sentMessages: SentMessengerMessage[];
  hidden: Set<string>;
  deleted: Set<string>;
}

const CAPTIONS = [
  "Nordmart Black Friday: up to 50% off home appliances this weekend!",
  "New pickup points in Riga and Tallinn — order online, collect in an hour.",
];

const usernameOf = (person: SimulatedPerson) =>
  person.username ?? `${person.firstName}.${person.lastName ?? person.id}`.toLowerCase().replace(/\s+/g, "");

/**
 * A fake of the Instagram Graph paths Parley calls (comments, mentions, messaging, moderation, profiles) and of
 * the `object: "instagram"` webhooks a customer's comment, mention or direct message produces, signed with the
 * app secret. It answers through the simulator's shared Graph router, for the tokens of its accounts.
 */
export function createInstagramFake() {
  const accounts = new Map<string, AccountState>();
  const people = new Map<string, { name: string; username: string }>();
  let nextId = 17_900_000_000_000_000n;
  const newId = () => String(nextId++);
  const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, "+0000");

  function account(accountId: string): AccountState {
    const found = accounts.get(accountId);
    if (!found) throw new Error(`No fake Instagram account ${accountId}`);
    return found;
  }

  async function deliver(target: AccountState, body: Record<string, unknown>): Promise<DeliveryOutcome> {
    if (!target.webhookUrl) throw new Error(`Instagram account ${target.accountId} has no webhook`);
    return deliverSignedMetaWebhook(target.webhookUrl, target.appSecret, body);
  }

  /** One change in the shape the account's login model uses. */
  const change = (target: AccountState, field: string, value: Record<string, unknown>) => {
    const base = { id: target.accountId, time: Math.floor(Date.now() / 1000) };
    return {
      object: "instagram",
      entry: [
        target.loginModel === "instagram"
          ? { ...base, field, value }
          : { ...base, changes: [{ field, value }] },
      ],
    };
  };

  function remember(person: SimulatedPerson): { id: string; username: string } {
    const id = String(person.id);
    const username = usernameOf(person);
    people.set(id, { name: [person.firstName, person.lastName].filter(Boolean).join(" "), username });
    return { id, username };
  }

  function latestMedia(target: AccountState): Media {
    const existing = target.media.at(-1);
    if (existing) return existing;
    const media = {
      id: newId(),
      caption: CAPTIONS[target.media.length % CAPTIONS.length]!,
      username: target.username,
      timestamp: now(),
    };
    target.media.push(media);
    return media;
  }

  const permalinkOf = (media: Media) => `https://www.instagram.com/p/${BigInt(media.id).toString(36)}/`;

  const fake = {
    platform: "instagram" as const,
    accounts: () => [...accounts.values()].filter((a) => a.webhookUrl).map((a) => a.accountId),
    addAccount(config: FakeInstagramAccount): void {
      const existing = accounts.get(config.accountId);
      if (existing) Object.assign(existing, config);
      else
        accounts.set(config.accountId, {
          loginModel: "facebook",
          ...config,
          media: [],
          comments: new Map(),
          mentionedMedia: new Map(),
          mentionedComments: new Map(),
          privateReplies: new Set(),
          sentMessages: [],
          hidden: new Set(),
          deleted: new Set(),
        });
    },
    /** Publishes a post on the account (no webhook: Instagram sends none for the account's own media). */
    publish(accountId: string, caption: string): Media {
      const target = account(accountId);
      const media = { id: newId(), caption, username: target.username, timestamp: now() };
      target.media.push(media);
      return media;
    },
    deliverRaw: (accountId: string, body: Record<string, unknown>) => deliver(account(accountId), body),
    change: (accountId: string, field: string, value: Record<string, unknown>) =>
      change(account(accountId), field, value),
    isHidden: (accountId: string, commentId: string) => account(accountId).hidden.has(commentId),
    isDeleted: (accountId: string, commentId: string) => account(accountId).deleted.has(commentId),

    /** The customer taps a quick reply (by title or payload) under the account's latest DM offering it. */
    async tapQuickReply(accountId: string, personId: number, choice: string): Promise<DeliveryOutcome> {
      const target = account(accountId);
      const tapped = quickReplyToTap(target.sentMessages, String(personId), choice);
      return deliver(target, {
        object: "instagram",
        entry: [
          {
            id: target.accountId,
            time: Date.now(),
            messaging: [
              {
                sender: { id: String(personId) },
                recipient: { id: target.accountId },
                timestamp: Date.now(),
                message: {
                  mid: `aWdfZAG1${randomBytes(18).toString("base64url")}`,
                  text: tapped.title,
                  quick_reply: { payload: tapped.payload },
                },
              },
            ],
          },
        ],
      });
    },

    /** DMs the account sent a person, with quick replies. */
    sentTo: (accountId: string, personId: number) =>
      account(accountId).sentMessages.filter((m) => m.recipientId === String(personId)),

    async act(accountId: string, action: CustomerAction): Promise<DeliveryOutcome> {
      const target = account(accountId);
      const from = remember(action.person);
      if (action.visibility === "private") {
        return deliver(target, {
          object: "instagram",
          entry: [
            {
              id: target.accountId,
              time: Date.now(),
              messaging: [
                {
                  sender: { id: from.id },
                  recipient: { id: target.accountId },
                  timestamp: Date.now(),
                  message: { mid: `aWdfZAG1${randomBytes(18).toString("base64url")}`, text: action.text },
                },
              ],
            },
          ],
        });
      }
      const parent = action.replyToCommentId ? target.comments.get(action.replyToCommentId) : undefined;
      const media = parent ? target.media.find((m) => m.id === parent.mediaId)! : latestMedia(target);
      const comment = { id: newId(), mediaId: media.id, text: action.text, from, timestamp: now() };
      target.comments.set(comment.id, comment);
      return deliver(
        target,
        change(target, "comments", {
          id: comment.id,
          from,
          text: action.text,
          media: { id: media.id, media_product_type: "FEED" },
          ...(action.replyToCommentId ? { parent_id: action.replyToCommentId } : {}),
        }),
      );
    },

    /**
     * Someone @mentions the account in a comment on their own post (or, without `comment`, in the caption):
     * the webhook names only the ids; Parley reads the text through mentioned_comment / mentioned_media.
     */
    async mention(
      accountId: string,
      mention: { person: SimulatedPerson; caption: string; comment?: string | undefined },
    ): Promise<DeliveryOutcome & { mediaId: string; commentId?: string | undefined }> {
      const target = account(accountId);
      const from = remember(mention.person);
      const media = { id: newId(), caption: mention.caption, username: from.username, timestamp: now() };
      target.mentionedMedia.set(media.id, media);
      let commentId: string | undefined;
      if (mention.comment !== undefined) {
        commentId = newId();
        target.mentionedComments.set(commentId, {
          id: commentId,
          mediaId: media.id,
          text: mention.comment,
          from,
          timestamp: now(),
        });
      }
      const outcome = await deliver(
        target,
        change(target, "mentions", { media_id: media.id, ...(commentId ? { comment_id: commentId } : {}) }),
      );
      return { ...outcome, mediaId: media.id, commentId };
    },

    /** Graph API paths for this fake's accounts; mounted by the simulator's shared Graph router. */
    graph: {
      platform: "instagram",
      ownsToken: (token: string) => [...accounts.values()].some((a) => a.accessToken === token),
      handle: (call: GraphCall) => answerGraph(call),
    } satisfies GraphHandler,
  };

  const mediaJson = (media: Media) => ({
    id: media.id,
    caption: media.caption,
    permalink: permalinkOf(media),
    username: media.username,
    timestamp: media.timestamp,
  });

  function answerGet(owner: AccountState, call: GraphCall): GraphAnswer {
    const ok = (body: unknown): GraphAnswer => ({ status: 200, body });
    const { id } = call;
    const fields = String(call.params.fields ?? "");
    if (id === owner.accountId) {
      // GET /{ig-user-id}?fields=mentioned_comment.comment_id(X){...} or mentioned_media.media_id(X){...}
      const commentMatch = /mentioned_comment\.comment_id\((\w+)\)/.exec(fields);
      const mediaMatch = /mentioned_media\.media_id\((\w+)\)/.exec(fields);
      if (commentMatch) {
        const comment = owner.mentionedComments.get(commentMatch[1]!);
        if (!comment) return graphErrorAnswer(100, "(#100) Invalid comment_id");
        const media = owner.mentionedMedia.get(comment.mediaId)!;
        return ok({
          mentioned_comment: {
            id: comment.id,
            text: comment.text,
            timestamp: comment.timestamp,
            media: mediaJson(media),
          },
          id,
        });
      }
      if (mediaMatch) {
        const media = owner.mentionedMedia.get(mediaMatch[1]!);
        return media
          ? ok({ mentioned_media: mediaJson(media), id })
          : graphErrorAnswer(100, "(#100) Invalid media_id");
      }
      return ok({ id, username: owner.username });
    }
    const media = owner.media.find((m) => m.id === id);
    if (media) return ok(mediaJson(media));
    const comment = owner.comments.get(id);
    if (comment && !owner.deleted.has(id))
      return ok({ id, text: comment.text, from: comment.from, timestamp: comment.timestamp });
    const person = people.get(id);
    // A stable, plausible follower count per person: the author's reach for listening.
    if (person) return ok({ id, ...person, follower_count: Number(id.slice(-4)) % 5000 });
    return graphErrorAnswer(100, `(#100) Object with ID '${id}' does not exist or cannot be loaded`);
  }

  function answerGraph(call: GraphCall): GraphAnswer {
    const owner = [...accounts.values()].find((a) => a.accessToken === call.token)!;
    const ok = (body: unknown): GraphAnswer => ({ status: 200, body });
    const { id, edge, params } = call;
    if (call.httpMethod === "GET") return answerGet(owner, call);
    if (call.httpMethod === "DELETE") {
      if (edge) return graphErrorAnswer(100, `(#100) Unsupported delete request: ${edge}`);
      owner.deleted.add(id);
      return ok({ success: true });
    }
    if (edge === "") {
      // POST /{comment-id}?hide=true|false
      if (params.hide === undefined) return graphErrorAnswer(100, "(#100) No fields to update");
      if (params.hide === true || params.hide === "true") owner.hidden.add(id);
      else owner.hidden.delete(id);
      return ok({ success: true });
    }
    const message = typeof params.message === "string" ? params.message : "";
    if (edge === "replies") {
      if (!message) return graphErrorAnswer(100, "(#100) The parameter message is required");
      if (owner.hidden.has(id) || owner.deleted.has(id))
        return graphErrorAnswer(100, "(#100) Cannot reply to a hidden or deleted comment");
      const parent = owner.comments.get(id);
      const reply = {
        id: newId(),
        mediaId: parent?.mediaId ?? "",
        text: message,
        from: { id: owner.accountId, username: owner.username },
        timestamp: now(),
      };
      owner.comments.set(reply.id, reply);
      return ok({ id: reply.id });
    }
    if (edge === "mentions" && id === owner.accountId) {
      if (!message || !params.media_id)
        return graphErrorAnswer(100, "(#100) The parameters media_id and message are required");
      return ok({ id: newId() });
    }
    if (edge === "messages" && id === owner.accountId)
      return answerSendApi(
        params,
        owner.privateReplies,
        `aWdfZAG1${randomBytes(18).toString("base64url")}`,
        owner.sentMessages,
      );
    return graphErrorAnswer(100, `(#100) Unsupported post request: ${id}/${edge}`);
  }
  return fake;
}
