import { randomBytes } from "node:crypto";
import type { CustomerAction, DeliveryOutcome } from "../../simulator/customerDriver.ts";
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

export interface FakePage {
  pageId: string;
  name: string;
  accessToken: string;
  appSecret: string;
  webhookUrl?: string | undefined;
}

interface PageState extends FakePage {
  posts: { id: string; message: string }[];
  /** Comments that already had their one private reply. */
  privateReplies: Set<string>;
  hidden: Set<string>;
  likes: Set<string>;
  deleted: Set<string>;
  /** Customers' comments, so later traffic can answer, edit or remove them as people do. */
  comments: Map<string, FakeComment>;
  lastCommentOf: Map<string, string>;
  /** Send API messages to people, with their quick replies. */
  sentMessages: SentMessengerMessage[];
}

interface FakeComment {
  id: string;
  postId: string;
  parentId: string;
  personId: string;
  name: string;
  text: string;
}

export interface FacebookFakeOptions {
  /** Share of public comments the customer edits right after posting (adding an order number, fixing a typo). */
  editShare?: number | undefined;
  /** Share of public comments after which the customer removes one of their earlier comments. */
  removeShare?: number | undefined;
  /** Share of a returning commenter's comments that continue their own thread instead of starting a new one. */
  threadShare?: number | undefined;
  random?: (() => number) | undefined;
}

const POSTS = [
  "Nordmart Black Friday: up to 50% off home appliances this weekend!",
  "Nordmart Bonus now credits points for pickup orders too.",
];

/**
 * A fake of the Graph API paths Parley calls for Pages and Messenger, and of the Page webhook a customer's
 * comment or message produces, signed with the app secret.
 */
export function createFacebookFake(options: FacebookFakeOptions = {}) {
  const random = options.random ?? Math.random;
  const pages = new Map<string, PageState>();
  const people = new Map<string, { first_name: string; last_name: string }>();
  let nextId = 1_000;
  const newId = () => String(nextId++);

  function page(pageId: string): PageState {
    const found = pages.get(pageId);
    if (!found) throw new Error(`No fake Facebook page ${pageId}`);
    return found;
  }

  async function deliver(target: PageState, body: Record<string, unknown>): Promise<DeliveryOutcome> {
    if (!target.webhookUrl) throw new Error(`Page ${target.pageId} has no webhook`);
    return deliverSignedMetaWebhook(target.webhookUrl, target.appSecret, body);
  }

  const feedChange = (target: PageState, value: Record<string, unknown>) => ({
    object: "page",
    entry: [{ id: target.pageId, time: Math.floor(Date.now() / 1000), changes: [{ field: "feed", value }] }],
  });

  const commentChange = (target: PageState, comment: FakeComment, verb: "add" | "edited" | "remove") => {
    const post = target.posts.find((p) => p.id === comment.postId);
    return feedChange(target, {
      item: "comment",
      verb,
      comment_id: comment.id,
      parent_id: comment.parentId,
      post_id: comment.postId,
      ...(verb === "remove" ? {} : { message: comment.text }),
      from: { id: comment.personId, name: comment.name },
      created_time: Math.floor(Date.now() / 1000),
      ...(post
        ? {
            post: {
              id: post.id,
              message: post.message,
              permalink_url: `https://www.facebook.com/${post.id}`,
            },
          }
        : {}),
    });
  };

  async function latestPost(target: PageState) {
    const existing = target.posts.at(-1);
    if (existing) return existing;
    const post = { id: `${target.pageId}_${newId()}`, message: POSTS[target.posts.length % POSTS.length]! };
    target.posts.push(post);
    await deliver(
      target,
      feedChange(target, {
        item: "status",
        verb: "add",
        post_id: post.id,
        message: post.message,
        from: { id: target.pageId, name: target.name },
        created_time: Math.floor(Date.now() / 1000),
      }),
    );
    return post;
  }

  const fake = {
    platform: "facebook" as const,
    accounts: () => [...pages.values()].filter((p) => p.webhookUrl).map((p) => p.pageId),
    addPage(config: FakePage): void {
      const existing = pages.get(config.pageId);
      if (existing) Object.assign(existing, config);
      else
        pages.set(config.pageId, {
          ...config,
          posts: [],
          privateReplies: new Set(),
          hidden: new Set(),
          likes: new Set(),
          deleted: new Set(),
          comments: new Map(),
          lastCommentOf: new Map(),
          sentMessages: [],
        });
    },
    deliverRaw: (pageId: string, body: Record<string, unknown>) => deliver(page(pageId), body),
    feedChange: (pageId: string, value: Record<string, unknown>) => feedChange(page(pageId), value),

    /** The customer taps a quick reply (by title or payload) under the page's latest message that offers it. */
    async tapQuickReply(account: string, personId: number, choice: string): Promise<DeliveryOutcome> {
      const target = page(account);
      const tapped = quickReplyToTap(target.sentMessages, String(personId), choice);
      return deliver(target, {
        object: "page",
        entry: [
          {
            id: target.pageId,
            time: Date.now(),
            messaging: [
              {
                sender: { id: String(personId) },
                recipient: { id: target.pageId },
                timestamp: Date.now(),
                message: {
                  mid: `m_${randomBytes(12).toString("base64url")}`,
                  text: tapped.title,
                  quick_reply: { payload: tapped.payload },
                },
              },
            ],
          },
        ],
      });
    },

    /** What the page sent a person on Messenger, with quick replies. */
    sentTo: (account: string, personId: number) =>
      page(account).sentMessages.filter((m) => m.recipientId === String(personId)),

    async act(account: string, action: CustomerAction): Promise<DeliveryOutcome> {
      const target = page(account);
      const id = String(action.person.id);
      people.set(id, { first_name: action.person.firstName, last_name: action.person.lastName ?? "" });
      if (action.visibility === "private") {
        return deliver(target, {
          object: "page",
          entry: [
            {
              id: target.pageId,
              time: Date.now(),
              messaging: [
                {
                  sender: { id },
                  recipient: { id: target.pageId },
                  timestamp: Date.now(),
                  message: { mid: `m_${randomBytes(12).toString("base64url")}`, text: action.text },
                },
              ],
            },
          ],
        });
      }
      const post = await latestPost(target);
      const name = [action.person.firstName, action.person.lastName].filter(Boolean).join(" ");
      const own = target.comments.get(target.lastCommentOf.get(id) ?? "");
      const continueThread = !action.replyToCommentId && own && random() < (options.threadShare ?? 0);
      const comment: FakeComment = {
        id: `${post.id.split("_")[1]}_${newId()}`,
        postId: continueThread ? own.postId : post.id,
        parentId: action.replyToCommentId ?? (continueThread ? own.id : post.id),
        personId: id,
        name,
        text: action.text,
      };
      target.comments.set(comment.id, comment);
      target.lastCommentOf.set(id, comment.id);
      const outcome = await deliver(target, commentChange(target, comment, "add"));
      if (random() < (options.editShare ?? 0)) {
        comment.text = `${comment.text} UPD: order ${100_000 + Math.floor(random() * 900_000)}`;
        await deliver(target, commentChange(target, comment, "edited"));
      }
      if (random() < (options.removeShare ?? 0)) {
        const earlier = [...target.comments.values()].find((c) => c.id !== comment.id);
        if (earlier) await fake.removeComment(target.pageId, earlier.id);
      }
      return outcome;
    },

    /** The customer deletes their comment: Meta sends `verb: remove` with the comment's ids. */
    async removeComment(pageId: string, commentId: string): Promise<DeliveryOutcome> {
      const target = page(pageId);
      const comment = target.comments.get(commentId);
      if (!comment) throw new Error(`No fake comment ${commentId}`);
      target.comments.delete(commentId);
      return deliver(target, commentChange(target, comment, "remove"));
    },

    /**
     * Someone tags the page in a comment on another page's post. Meta's `mention` change names only the ids, as
     * it often does in production: the text is read back with GET /{comment-id}.
     */
    async mentionInComment(pageId: string, person: { id: string; name: string }, text: string) {
      const target = page(pageId);
      const comment: FakeComment = {
        id: `${900_000 + target.comments.size}_${newId()}`,
        postId: `900000_${newId()}`,
        parentId: "",
        personId: person.id,
        name: person.name,
        text,
      };
      target.comments.set(comment.id, comment);
      await deliver(target, {
        object: "page",
        entry: [
          {
            id: target.pageId,
            time: Math.floor(Date.now() / 1000),
            changes: [
              {
                field: "mention",
                value: { item: "comment", verb: "add", post_id: comment.postId, comment_id: comment.id },
              },
            ],
          },
        ],
      });
      return comment;
    },

    /** A comment storm under the latest post: `count` comments from different people in one batched delivery. */
    async storm(pageId: string, texts: string[], firstPersonId = 900_000): Promise<DeliveryOutcome> {
      const target = page(pageId);
      const post = await latestPost(target);
      const entries = texts.map((text, i) => {
        const comment: FakeComment = {
          id: `${post.id.split("_")[1]}_${newId()}`,
          postId: post.id,
          parentId: post.id,
          personId: String(firstPersonId + i),
          name: `Storm Commenter ${i + 1}`,
          text,
        };
        target.comments.set(comment.id, comment);
        return commentChange(target, comment, "add").entry[0]!;
      });
      return deliver(target, { object: "page", entry: entries });
    },

    /** Graph API paths for this app's pages; mounted by the simulator's shared Graph router. */
    graph: {
      platform: "facebook",
      ownsToken: (token: string) => [...pages.values()].some((p) => p.accessToken === token),
      handle: (call: GraphCall) => answerGraph(call),
    } satisfies GraphHandler,
  };

  function answerGraph(call: GraphCall): GraphAnswer {
    const owner = [...pages.values()].find((p) => p.accessToken === call.token)!;
    const ok = (body: unknown): GraphAnswer => ({ status: 200, body });
    const { id, edge, params } = call;
    if (call.httpMethod === "GET") {
      if (id === owner.pageId && edge === "") return ok({ id, name: owner.name });
      const comment = edge === "" ? owner.comments.get(id) : undefined;
      if (comment)
        return ok({
          id,
          message: comment.text,
          from: { id: comment.personId, name: comment.name },
          created_time: new Date().toISOString(),
          permalink_url: `https://www.facebook.com/${comment.postId}?comment_id=${id}`,
        });
      const post = edge === "" ? owner.posts.find((p) => p.id === id) : undefined;
      if (post) return ok({ id, message: post.message, permalink_url: `https://www.facebook.com/${id}` });
      const person = people.get(id);
      return person ? ok({ id, ...person }) : graphErrorAnswer(100, "(#100) Unsupported get request");
    }
    if (call.httpMethod === "DELETE") {
      if (edge === "likes") {
        owner.likes.delete(id);
        return ok({ success: true });
      }
      if (edge) return graphErrorAnswer(100, `(#100) Unsupported delete request: ${edge}`);
      owner.deleted.add(id);
      return ok({ success: true });
    }
    if (edge === "") {
      // POST /{comment-id} with is_hidden hides or unhides it.
      if (params.is_hidden === undefined) return graphErrorAnswer(100, "(#100) No fields to update");
      const hidden = params.is_hidden === true || params.is_hidden === "true";
      if (hidden) owner.hidden.add(id);
      else owner.hidden.delete(id);
      return ok({ success: true });
    }
    if (edge === "likes") {
      owner.likes.add(id);
      return ok({ success: true });
    }
    if (edge === "feed" && id === owner.pageId) {
      if (typeof params.message !== "string" || !params.message)
        return graphErrorAnswer(100, "(#100) The parameter message is required");
      const post = { id: `${owner.pageId}_${newId()}`, message: params.message };
      owner.posts.push(post);
      return ok({ id: post.id });
    }
    if (edge === "comments") {
      if (typeof params.message !== "string" || !params.message)
        return graphErrorAnswer(100, "(#100) The parameter message is required");
      return ok({ id: `${id.split("_")[0]}_${newId()}` });
    }
    if (edge === "messages" && id === owner.pageId)
      return answerSendApi(
        params,
        owner.privateReplies,
        `m_${randomBytes(12).toString("base64url")}`,
        owner.sentMessages,
      );
    return graphErrorAnswer(100, `(#100) Unsupported post request: ${id}/${edge}`);
  }
  return fake;
}
