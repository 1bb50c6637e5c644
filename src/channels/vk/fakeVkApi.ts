import { randomBytes } from "node:crypto";
import type { Context, Hono } from "hono";
import type { CustomerAction, DeliveryOutcome, PlatformFake } from "../../simulator/customerDriver.ts";
import { faultHeaders, type SimulatorState, stall } from "../../simulator/simulatorState.ts";

export interface FakeCommunity {
  groupId: number;
  accessToken: string;
  secretKey: string;
  confirmationCode: string;
  callbackUrl?: string | undefined;
  name?: string | undefined;
}

interface CommunityState extends FakeCommunity {
  posts: { id: number; text: string }[];
  nextPostId: number;
  nextCommentId: number;
  nextCmid: Map<number, number>;
  /** (peer, random_id) → message: VK's documented dedup of repeated sends. */
  sentByRandomId: Map<string, { peer_id: number; message_id: number; conversation_message_id: number }>;
  commentsByGuid: Map<string, number>;
  /** Messages sent with an inline keyboard, newest last, so a person can press its buttons. */
  keyboards: { peerId: number; text: string; buttons: { label: string; payload: string }[] }[];
  nextMessageId: number;
}

export interface VkFakeOptions {
  timeoutStallMs?: number | undefined;
}

const POST_TEXTS = [
  "Чёрная пятница в Nordmart: скидки до 50% на технику для дома! Подробности в приложении.",
  "Nordmart Bonus: теперь баллы начисляются и за самовывоз. Делитесь впечатлениями!",
  "Новые пункты выдачи открылись в Риге, Варшаве и Москве.",
];

async function paramsOf(c: Context): Promise<Record<string, string>> {
  const params: Record<string, string> = { ...c.req.query() };
  if (c.req.method === "POST") {
    const body = await c.req.parseBody().catch(() => ({}));
    for (const [key, value] of Object.entries(body)) if (typeof value === "string") params[key] = value;
  }
  return params;
}

/** The buttons of an inline keyboard, or null where VK would answer 911 (too many, or labels/payloads too long). */
function keyboardButtons(json: string): { label: string; payload: string }[] | null {
  try {
    const keyboard = JSON.parse(json) as {
      inline?: boolean;
      buttons?: { action?: { type?: string; label?: string; payload?: string } }[][];
    };
    const buttons = (keyboard.buttons ?? []).flat();
    const rows = keyboard.buttons ?? [];
    if (keyboard.inline && (buttons.length > 10 || rows.length > 6)) return null;
    if (rows.some((row) => row.length > 5)) return null;
    const valid = buttons.every(
      (b) =>
        b.action?.type === "text" &&
        typeof b.action.label === "string" &&
        b.action.label.length <= 40 &&
        (b.action.payload ?? "").length <= 255,
    );
    return valid ? buttons.map((b) => ({ label: b.action!.label!, payload: b.action!.payload ?? "" })) : null;
  } catch {
    return null;
  }
}

/** Messages of the VK errors a test can inject, as VK words them (official schema's errors.json). */
const VK_ERRORS: Record<number, string> = {
  1: "Unknown error occurred",
  5: "User authorization failed: invalid access_token (4).",
  6: "Too many requests per second",
  9: "Flood control",
  10: "Internal server error",
  29: "Rate limit reached",
};

function vkError(code: number, message: string, params: Record<string, string>) {
  return {
    error: {
      error_code: code,
      error_msg: message,
      request_params: Object.entries(params).map(([key, value]) => ({ key, value })),
    },
  };
}

/**
 * A fake of VK's API (https://dev.vk.com/en/method) and Callback API for the simulator and tests: communities,
 * messages.send deduplicated by random_id, wall.createComment deduplicated by guid, and customers writing.
 */
export function createVkFake(options: VkFakeOptions = {}) {
  const communities = new Map<number, CommunityState>();
  /** While set, sends answer only once it resolves (after their echo went out): see holdSendAnswers. */
  let sendAnswersHeld: Promise<void> | null = null;
  /** People who wrote through the fake, so users.get can name them as VK would. */
  const people = new Map<
    number,
    { first_name: string; last_name: string; screen_name?: string | undefined }
  >();

  function community(groupId: number): CommunityState {
    const found = communities.get(groupId);
    if (!found) throw new Error(`No fake VK community ${groupId}`);
    return found;
  }

  async function post(target: CommunityState, body: Record<string, unknown>): Promise<DeliveryOutcome> {
    if (!target.callbackUrl) throw new Error(`VK community ${target.groupId} has no callback server`);
    const res = await fetch(target.callbackUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    return { status: res.status, payload: body };
  }

  /**
   * VK notifies the community's server of its own messages and comments too (message_reply, wall_reply_new from
   * the community), sometimes before the API call returns: the fake sends that echo first, the hardest order.
   */
  async function echo(target: CommunityState, type: string, object: unknown): Promise<void> {
    if (!target.callbackUrl) return;
    await fetch(target.callbackUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(envelope(target, type, object)),
    }).catch(() => undefined);
  }

  function envelope(target: CommunityState, type: string, object: unknown) {
    return {
      type,
      object,
      group_id: target.groupId,
      event_id: randomBytes(20).toString("hex"),
      v: "5.199",
      secret: target.secretKey,
    };
  }

  async function latestPost(target: CommunityState): Promise<{ id: number; text: string }> {
    const existing = target.posts.at(-1);
    if (existing) return existing;
    const created = { id: target.nextPostId++, text: POST_TEXTS[target.groupId % POST_TEXTS.length]! };
    target.posts.push(created);
    await post(
      target,
      envelope(target, "wall_post_new", {
        id: created.id,
        owner_id: -target.groupId,
        from_id: -target.groupId,
        date: Math.floor(Date.now() / 1000),
        text: created.text,
        post_type: "post",
      }),
    );
    return created;
  }

  const fake = {
    platform: "vk" as const,
    accounts: () => [...communities.keys()].filter((id) => communities.get(id)?.callbackUrl).map(String),

    addCommunity(config: FakeCommunity): void {
      const existing = communities.get(config.groupId);
      if (existing) Object.assign(existing, config);
      else
        communities.set(config.groupId, {
          ...config,
          posts: [],
          nextPostId: 100,
          nextCommentId: 1,
          nextCmid: new Map(),
          sentByRandomId: new Map(),
          keyboards: [],
          commentsByGuid: new Map(),
          nextMessageId: 1,
        });
    },

    setCallbackUrl(groupId: number, url: string): void {
      community(groupId).callbackUrl = url;
    },

    /** VK checks a new callback server by sending `confirmation` and comparing the answer with the code. */
    async confirm(groupId: number): Promise<boolean> {
      const target = community(groupId);
      if (!target.callbackUrl) return false;
      const res = await fetch(target.callbackUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "confirmation", group_id: groupId }),
      });
      return res.status === 200 && (await res.text()) === target.confirmationCode;
    },

    /**
     * The person presses a text button (by label) of the community's latest keyboard to them: VK sends the label
     * as their message, with the button's payload beside it.
     */
    async pressButton(account: string, personId: number, label: string): Promise<DeliveryOutcome> {
      const target = community(Number(account));
      const keyboard = [...target.keyboards]
        .reverse()
        .find((k) => k.peerId === personId && k.buttons.some((b) => b.label === label));
      const button = keyboard?.buttons.find((b) => b.label === label);
      if (!button) throw new Error(`No button "${label}" for ${personId}`);
      const cmid = (target.nextCmid.get(personId) ?? 0) + 1;
      target.nextCmid.set(personId, cmid);
      return post(
        target,
        envelope(target, "message_new", {
          message: {
            date: Math.floor(Date.now() / 1000),
            from_id: personId,
            id: target.nextMessageId++,
            out: 0,
            attachments: [],
            conversation_message_id: cmid,
            fwd_messages: [],
            important: false,
            is_hidden: false,
            peer_id: personId,
            random_id: 0,
            text: button.label,
            payload: button.payload,
            version: 10_000_000 + cmid,
          },
          client_info: { button_actions: ["text"], keyboard: true, inline_keyboard: true, lang_id: 0 },
        }),
      );
    },

    /**
     * Holds every messages.send and wall.createComment answer (the echo still goes out at once) until the returned
     * function is called:
     * a test can then see Parley take in the echo of a send whose answer it has not had yet.
     */
    holdSendAnswers(): () => void {
      let release = () => {};
      sendAnswersHeld = new Promise<void>((resolve) => {
        release = () => {
          sendAnswersHeld = null;
          resolve();
        };
      });
      return release;
    },

    /** Messages with keyboards the community sent this person. */
    keyboardsFor: (account: string, personId: number) =>
      community(Number(account)).keyboards.filter((k) => k.peerId === personId),

    async act(account: string, action: CustomerAction): Promise<DeliveryOutcome> {
      const target = community(Number(account));
      const { person } = action;
      people.set(person.id, {
        first_name: person.firstName,
        last_name: person.lastName ?? "",
        screen_name: person.username,
      });
      const date = Math.floor(Date.now() / 1000);
      if (action.visibility === "private") {
        const cmid = (target.nextCmid.get(person.id) ?? 0) + 1;
        target.nextCmid.set(person.id, cmid);
        const message = {
          date,
          from_id: person.id,
          id: target.nextMessageId++,
          out: 0,
          attachments: [],
          conversation_message_id: cmid,
          fwd_messages: [],
          important: false,
          is_hidden: false,
          peer_id: person.id,
          random_id: 0,
          text: action.text,
          version: 10_000_000 + cmid,
        };
        return post(
          target,
          envelope(target, "message_new", {
            message,
            client_info: {
              button_actions: ["text", "vkpay", "open_app", "location", "open_link", "callback"],
              keyboard: true,
              inline_keyboard: true,
              carousel: true,
              lang_id: 0,
            },
          }),
        );
      }
      const wallPost = await latestPost(target);
      const replyTo = action.replyToCommentId ? Number(action.replyToCommentId) : undefined;
      const comment = {
        id: target.nextCommentId++,
        from_id: person.id,
        post_id: wallPost.id,
        owner_id: -target.groupId,
        date,
        text: action.text,
        parents_stack: replyTo ? [replyTo] : [],
        ...(replyTo ? { reply_to_comment: replyTo } : {}),
        thread: { count: 0 },
      };
      return post(target, envelope(target, "wall_reply_new", comment));
    },

    /** Posts any Callback API body (edits, deletions, malformed shapes) to the community's server. */
    async deliverRaw(groupId: number, body: Record<string, unknown>): Promise<DeliveryOutcome> {
      return post(community(groupId), body);
    },

    envelope: (groupId: number, type: string, object: unknown) => envelope(community(groupId), type, object),

    mount(app: Hono, state: SimulatorState): void {
      app.on(["GET", "POST"], "/method/:method", async (c) => {
        const method = c.req.param("method");
        const params = await paramsOf(c);
        if (state.latencyMs > 0) await stall(state.latencyMs);
        const recorded = { ...params, ...(params.access_token ? { access_token: "***" } : {}) };
        const fault = state.takeFault("vk", method);
        const target = [...communities.values()].find((x) => x.accessToken === params.access_token);
        const answer = (
          outcome: "ok" | "duplicate" | "429" | "500" | "timeout",
          body: unknown,
          status = 200,
        ) => {
          state.record({ platform: "vk", method, params: recorded, outcome });
          return c.json(body, status as 200);
        };
        if (fault) for (const [name, value] of Object.entries(faultHeaders(fault))) c.header(name, value);
        if (fault?.kind === "429" && fault.httpStatus === 429) {
          state.record({ platform: "vk", method, params: recorded, outcome: "429" });
          return c.text("Too Many Requests", 429);
        }
        if (fault?.kind === "429") return answer("429", vkError(6, "Too many requests per second", recorded));
        if (fault?.kind === "error") {
          // VK answers its errors with HTTP 200 and the envelope (PLATFORMS.md §7.2).
          const code = fault.errorCode ?? 1;
          state.record({ platform: "vk", method, params: recorded, outcome: "error" });
          return c.json(vkError(code, VK_ERRORS[code] ?? "Unknown error occurred", recorded), 200);
        }
        if (fault?.kind === "500") {
          state.record({ platform: "vk", method, params: recorded, outcome: "500" });
          return c.text("Internal Server Error", (fault.httpStatus ?? 500) as 500);
        }
        if (fault?.kind === "timeout") {
          state.record({ platform: "vk", method, params: recorded, outcome: "timeout" });
          await stall(options.timeoutStallMs ?? 20_000);
          return c.text("Gateway Timeout", 504);
        }
        if (!target)
          return answer("ok", vkError(5, "User authorization failed: invalid access_token (4).", recorded));
        if (!params.v) return answer("ok", vkError(8, "Invalid request: v (version) is required", recorded));
        switch (method) {
          case "messages.send": {
            const peer = Number(params.peer_ids ?? params.peer_id ?? params.user_id);
            if (!Number.isFinite(peer))
              return answer(
                "ok",
                vkError(100, "One of the parameters specified was missing or invalid: peer_id", recorded),
              );
            if (params.random_id === undefined)
              return answer(
                "ok",
                vkError(
                  100,
                  "One of the parameters specified was missing or invalid: random_id is required",
                  recorded,
                ),
              );
            if (!params.message && !params.attachment)
              return answer(
                "ok",
                vkError(
                  100,
                  "One of the parameters specified was missing or invalid: message is empty",
                  recorded,
                ),
              );
            const buttons = params.keyboard === undefined ? [] : keyboardButtons(params.keyboard);
            if (buttons === null) return answer("ok", vkError(911, "Keyboard format is invalid", recorded));
            const key = `${peer}:${params.random_id}`;
            const previous = target.sentByRandomId.get(key);
            if (!previous && buttons.length > 0)
              target.keyboards.push({ peerId: peer, text: params.message ?? "", buttons });
            const sent = previous ?? {
              peer_id: peer,
              message_id: target.nextMessageId++,
              conversation_message_id: (target.nextCmid.get(peer) ?? 0) + 1,
            };
            if (!previous) {
              target.nextCmid.set(peer, sent.conversation_message_id);
              target.sentByRandomId.set(key, sent);
              await echo(target, "message_reply", {
                id: sent.message_id,
                date: Math.floor(Date.now() / 1000),
                peer_id: peer,
                from_id: -target.groupId,
                out: 1,
                text: params.message ?? "",
                conversation_message_id: sent.conversation_message_id,
                // VK returns the sender's random_id on the community's own outgoing messages.
                random_id: Number(params.random_id),
                attachments: [],
              });
            }
            if (sendAnswersHeld) await sendAnswersHeld;
            return answer(previous ? "duplicate" : "ok", {
              response: params.peer_ids ? [sent] : sent.message_id,
            });
          }
          case "wall.createComment": {
            if (!params.message)
              return answer(
                "ok",
                vkError(100, "One of the parameters specified was missing or invalid: message", recorded),
              );
            const previous = params.guid ? target.commentsByGuid.get(params.guid) : undefined;
            const commentId = previous ?? target.nextCommentId++;
            if (params.guid && previous === undefined) target.commentsByGuid.set(params.guid, commentId);
            if (previous === undefined) {
              const replyTo = params.reply_to_comment ? Number(params.reply_to_comment) : undefined;
              await echo(target, "wall_reply_new", {
                id: commentId,
                from_id: -target.groupId,
                post_id: Number(params.post_id),
                owner_id: Number(params.owner_id),
                date: Math.floor(Date.now() / 1000),
                text: params.message,
                parents_stack: replyTo ? [replyTo] : [],
                ...(replyTo ? { reply_to_comment: replyTo } : {}),
              });
            }
            if (sendAnswersHeld) await sendAnswersHeld;
            return answer(previous !== undefined ? "duplicate" : "ok", {
              response: { comment_id: commentId, parents_stack: [] },
            });
          }
          case "groups.getById":
            return answer("ok", {
              response: {
                groups: [
                  {
                    id: target.groupId,
                    name: target.name ?? `Community ${target.groupId}`,
                    screen_name: `club${target.groupId}`,
                    type: "page",
                  },
                ],
              },
            });
          case "users.get":
            return answer("ok", {
              response: String(params.user_ids ?? "")
                .split(",")
                .filter(Boolean)
                .map((id) => ({
                  id: Number(id),
                  // A stable, plausible follower count per person, for listening's author reach.
                  ...(String(params.fields ?? "").includes("followers_count") && people.has(Number(id))
                    ? { followers_count: (Number(id) * 37) % 5000 }
                    : {}),
                  ...(people.get(Number(id)) ?? {
                    first_name: "DELETED",
                    last_name: "",
                    deactivated: "deleted",
                  }),
                })),
            });
          default:
            return answer("ok", vkError(3, "Unknown method passed", recorded));
        }
      });
    },
  };
  return fake satisfies PlatformFake;
}
