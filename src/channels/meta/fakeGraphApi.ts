import { randomBytes } from "node:crypto";
import type { Context, Hono } from "hono";
import type { Platform } from "../../domain/platform.ts";
import { faultHeaders, type SimulatorState, stall } from "../../simulator/simulatorState.ts";

/**
 * One call to the fake Graph API, as the router parsed it. Pages, Instagram accounts and WhatsApp numbers all
 * live on one Graph host (graph.facebook.com, and graph.instagram.com with the same paths), so one router
 * serves them and hands each call to the fake that owns the object or the token.
 */
export interface GraphCall {
  httpMethod: "GET" | "POST" | "DELETE";
  version: string;
  /** The object id in the path (page id, comment id, media id, phone number id). */
  id: string;
  /** The edge after the id ("comments", "messages", "replies"), or "" for the object itself. */
  edge: string;
  /** JSON body of a POST, merged with its query string (Graph accepts parameters in either). */
  params: Record<string, unknown>;
  /** The bearer token, from the Authorization header or `access_token`. */
  token: string;
  /** The simulator's origin as the caller reached it, for answers that name an address on it (media URLs). */
  origin: string;
}

export interface GraphAnswer {
  status: number;
  body: unknown;
}

export interface GraphHandler {
  platform: Platform;
  /** True when this fake holds the token (so it answers for the objects that token may touch). */
  ownsToken(token: string): boolean;
  handle(call: GraphCall): GraphAnswer | Promise<GraphAnswer>;
}

/** Messages of the Graph errors the simulator can inject, as the platforms word them. */
const ERROR_MESSAGES: Record<number, { message: string; type?: string; subcode?: number; status?: number }> =
  {
    1: { message: "An unknown error occurred", status: 500 },
    2: { message: "An unexpected error has occurred. Please retry your request later.", status: 500 },
    4: { message: "(#4) Application request limit reached" },
    10: { message: "(#10) Application does not have permission for this action", status: 403 },
    17: { message: "(#17) User request limit reached" },
    32: { message: "(#32) Page request limit reached" },
    100: { message: "(#100) Invalid parameter" },
    190: {
      message:
        "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.",
      type: "OAuthException",
      subcode: 460,
      status: 401,
    },
    368: { message: "(#368) The action attempted has been deemed abusive or is otherwise disallowed" },
    613: { message: "(#613) Calls to this api have exceeded the rate limit." },
    131048: {
      message:
        "(#131048) Spam rate limit hit: Message failed to send because there are restrictions on how many messages can be sent from this phone number.",
    },
    10900: { message: "Activity already replied to" },
    80001: {
      message: "(#80001) There have been too many calls to this Page account. Wait a bit and try again.",
    },
    80002: { message: "(#80002) There have been too many calls to this Instagram account." },
    80006: { message: "(#80006) There have been too many messaging requests to this recipient." },
    80007: { message: "(#80007) There have been too many calls to this WhatsApp Business account." },
    130429: { message: "(#130429) Rate limit hit: Cloud API message throughput has been reached." },
    131047: {
      message:
        "(#131047) Re-engagement message: More than 24 hours have passed since the recipient last replied to the sender number.",
    },
    131056: {
      message:
        "(#131056) (Business Account, Consumer Account) pair rate limit hit: Too many messages sent from the sender phone number to the same recipient phone number in a short period of time.",
    },
  };

/** The Graph error envelope for `code` (https://developers.facebook.com/docs/graph-api/guides/error-handling). */
export function graphErrorAnswer(code: number, message?: string): GraphAnswer {
  const known = ERROR_MESSAGES[code];
  return {
    status: known?.status ?? 400,
    body: {
      error: {
        message: message ?? known?.message ?? `(#${code}) Error`,
        type: known?.type ?? "OAuthException",
        code,
        ...(known?.subcode ? { error_subcode: known.subcode } : {}),
        ...(code === 131047 || code === 131056
          ? { error_data: { messaging_product: "whatsapp", details: known?.message ?? "" } }
          : {}),
        fbtrace_id: randomBytes(8).toString("base64url"),
      },
    },
  };
}

/**
 * The `X-Business-Use-Case-Usage` header of a throttled answer: usage per business object, with the minutes
 * until calls are accepted again (PLATFORMS.md §1.6).
 */
function businessUseCaseUsage(objectId: string, platform: Platform, minutes: number): string {
  const type =
    platform === "whatsapp"
      ? "whatsapp_business_management"
      : platform === "instagram"
        ? "instagram"
        : "pages";
  return JSON.stringify({
    [objectId]: [
      { type, call_count: 100, total_cputime: 12, total_time: 15, estimated_time_to_regain_access: minutes },
    ],
  });
}

/** The throttling code each product answers with for an injected "429" fault. */
const RATE_LIMIT_CODE: Partial<Record<Platform, number>> = { facebook: 32, instagram: 4, whatsapp: 130429 };

/**
 * Mounts `/{version}/{id}` and `/{version}/{id}/{edge}` for every Meta fake. Records each call under the
 * owning fake's platform as "POST /{id}/edge" and applies injected faults: "429" (the product's throttling
 * code), "500", "timeout", or "error" with any Graph code (190, 131047, 80001...).
 */
export function mountGraphApi(
  app: Hono,
  state: SimulatorState,
  handlers: GraphHandler[],
  options: { timeoutStallMs?: number | undefined } = {},
): void {
  const route = async (c: Context) => {
    const httpMethod = c.req.method as GraphCall["httpMethod"];
    const query = c.req.query();
    let body: Record<string, unknown> = {};
    if (httpMethod === "POST") {
      const type = c.req.header("content-type") ?? "";
      body = type.includes("application/json")
        ? ((await c.req.json().catch(() => ({}))) as Record<string, unknown>)
        : ((await c.req.parseBody().catch(() => ({}))) as Record<string, unknown>);
    }
    const token = (c.req.header("authorization") ?? "").replace(/^Bearer /, "") || (query.access_token ?? "");
    const call: GraphCall = {
      httpMethod,
      version: c.req.param("version")!,
      id: c.req.param("id")!,
      edge: c.req.param("edge") ?? "",
      params: { ...query, ...body },
      token,
      origin: new URL(c.req.url).origin,
    };
    delete call.params.access_token;
    const method = `${httpMethod} /{id}${call.edge ? `/${call.edge}` : ""}`;
    const owner = handlers.find((h) => h.ownsToken(token));
    const platform = owner?.platform ?? "facebook";
    if (state.latencyMs > 0) await stall(state.latencyMs);
    const fault = state.takeFault(platform, method);
    state.record({ platform, method, params: { id: call.id, ...call.params }, outcome: fault?.kind ?? "ok" });
    let answer: GraphAnswer;
    if (fault) for (const [name, value] of Object.entries(faultHeaders(fault))) c.header(name, value);
    if (fault?.regainAccessMinutes !== undefined)
      c.header(
        "x-business-use-case-usage",
        businessUseCaseUsage(call.id, platform, fault.regainAccessMinutes),
      );
    if (fault?.kind === "429") answer = graphErrorAnswer(fault.errorCode ?? RATE_LIMIT_CODE[platform] ?? 4);
    else if (fault?.kind === "500" && fault.httpStatus)
      return c.text("Service Unavailable", fault.httpStatus as 500);
    else if (fault?.kind === "500") answer = graphErrorAnswer(2);
    else if (fault?.kind === "error") answer = graphErrorAnswer(fault.errorCode ?? 1);
    else if (fault?.kind === "timeout") {
      await stall(options.timeoutStallMs ?? 20_000);
      return c.text("Gateway Timeout", 504);
    } else if (!owner)
      answer = graphErrorAnswer(190, "Invalid OAuth access token - Cannot parse access token");
    else answer = await owner.handle(call);
    // Meta answers throttling with 400 on some products and 429 on others (PLATFORMS.md §1.5): configurable.
    const status = fault?.kind === "429" && fault.httpStatus ? fault.httpStatus : answer.status;
    return c.json(answer.body as object, status as 200);
  };
  app.on(["GET", "POST", "DELETE"], "/:version{v\\d+\\.\\d+}/:id/:edge", route);
  app.on(["GET", "POST", "DELETE"], "/:version{v\\d+\\.\\d+}/:id", route);
}

/**
 * `POST /{account}/messages` of the Send API, shared by Pages and Instagram: a chat message by `recipient.id`,
 * or the one private reply a commenter may get (`recipient.comment_id`; a second is refused with 10900).
 */
/** A Send API message the fake accepted, with its quick replies, so a customer can tap one. */
export interface SentMessengerMessage {
  recipientId: string;
  messageId: string;
  text: string;
  quickReplies: { title: string; payload: string }[];
}

export function answerSendApi(
  params: Record<string, unknown>,
  privateReplies: Set<string>,
  messageId: string,
  sent?: SentMessengerMessage[],
): GraphAnswer {
  const recipient = (params.recipient ?? {}) as { id?: string; comment_id?: string };
  const message = (params.message ?? {}) as { text?: string; quick_replies?: unknown };
  const quickReplies = message.quick_replies as
    | { content_type?: string; title?: string; payload?: string }[]
    | undefined;
  if (quickReplies !== undefined) {
    // Meta's limits: at most 13, text ones need a title of up to 20 characters and a payload up to 1000.
    const valid =
      Array.isArray(quickReplies) &&
      quickReplies.length >= 1 &&
      quickReplies.length <= 13 &&
      quickReplies.every(
        (q) =>
          q.content_type === "text" &&
          typeof q.title === "string" &&
          q.title.length >= 1 &&
          q.title.length <= 20 &&
          typeof q.payload === "string" &&
          q.payload.length <= 1000,
      );
    if (!valid) return graphErrorAnswer(100, "(#100) Invalid quick_replies");
  }
  if (recipient.comment_id) {
    if (privateReplies.has(recipient.comment_id)) return graphErrorAnswer(10900);
    privateReplies.add(recipient.comment_id);
  } else if (!recipient.id) return graphErrorAnswer(100, "(#100) The parameter recipient is required");
  if (recipient.id && sent)
    sent.push({
      recipientId: recipient.id,
      messageId,
      text: message.text ?? "",
      quickReplies: (quickReplies ?? []).map((q) => ({ title: q.title!, payload: q.payload! })),
    });
  return {
    status: 200,
    body: { recipient_id: recipient.id ?? `commenter_of_${recipient.comment_id}`, message_id: messageId },
  };
}

/** The quick reply titled (or with the payload) `choice` under the latest message to this person that has one. */
export function quickReplyToTap(
  sent: SentMessengerMessage[],
  recipientId: string,
  choice: string,
): { title: string; payload: string } {
  const message = [...sent]
    .reverse()
    .find(
      (m) =>
        m.recipientId === recipientId &&
        m.quickReplies.some((q) => q.title === choice || q.payload === choice),
    );
  const tapped = message?.quickReplies.find((q) => q.title === choice || q.payload === choice);
  if (!tapped) throw new Error(`No quick reply "${choice}" for ${recipientId}`);
  return tapped;
}
