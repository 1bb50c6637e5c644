import type { z } from "zod";
import type { DeliveryError } from "../domain/deliveryError.ts";
import type { Attachment, InboundEvent, ReplyTarget } from "../domain/inboundEvent.ts";
import type { Platform } from "../domain/platform.ts";
import type { ReplyChoice } from "../domain/replyChoice.ts";

/** What the core knows about one configured channel when it calls an adapter. Secrets are already decrypted. */
export interface ChannelContext<Settings = Record<string, unknown>> {
  id: string;
  workspaceId: string;
  platform: Platform;
  /** Validated by the adapter's settingsSchema; secret fields included. */
  settings: Settings;
  /** Where the platform's API lives; the simulator or a test server stands in by changing it. */
  apiBaseUrl: string;
  /**
   * Rewrites secret settings under a lock on the channel row, for credentials that rotate (X's OAuth 2.0 refresh
   * token works once): `change` sees the stored secrets, so two processes never refresh with the same token.
   * Returns the settings as stored afterwards. Absent where the caller has no database (unit tests).
   */
  updateSecrets?: (
    change: (current: Settings) => Promise<Record<string, unknown> | null>,
  ) => Promise<Settings>;
}

/** The HTTP request a webhook arrived with, as raw as the platform sent it: signatures cover the exact bytes. */
export interface WebhookRequest {
  method: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  /** The body decoded as UTF-8 (a byte sequence that is no UTF-8 reads as U+FFFD). */
  rawBody: string;
  /** The body's exact bytes, where signatures must be checked over what was sent (Meta). */
  rawBytes?: Uint8Array | undefined;
}

/** One raw event cut out of a webhook body or a poll result, with the platform's own id to deduplicate on. */
export interface RawEventInput {
  dedupKey: string;
  payload: unknown;
  /**
   * The platform account the event belongs to, when one webhook serves several accounts (a Meta app posts
   * every page's events to one URL). The core stores the event on the channel of that account.
   */
  accountId?: string | undefined;
  /**
   * The event's exact bytes when they are the record (an e-mail's raw MIME), kept in raw_events.raw_body beside
   * the payload read from them.
   */
  original?: Uint8Array | undefined;
}

export type WebhookVerdict =
  /** Authentic; store these events, then answer with `ackBody` (JSON where the platform reads an answer: Viber's welcome). */
  | {
      kind: "events";
      events: RawEventInput[];
      ackBody?: string | undefined;
      ackContentType?: "text/plain" | "application/json" | undefined;
    }
  /** A handshake the platform expects answered directly (VK confirmation, Meta hub.challenge). */
  | {
      kind: "handshake";
      status: number;
      body: string;
      contentType?: "text/plain" | "application/json" | undefined;
    }
  /** Authentic but not understood: kept for inspection, answered 400. */
  | { kind: "malformed"; reason: string; rawBody: string }
  | { kind: "rejected"; status: 401 | 403; reason: string };

export interface OutboundReply {
  kind: "reply";
  text: string;
  visibility: "public" | "private";
  replyTarget: ReplyTarget;
  /** The platform id of the message this answers, where the platform can quote it. */
  inReplyToExternalId?: string | undefined;
  /** When the customer last wrote (ISO), for platforms whose reply window depends on it (Messenger 24 h). */
  lastInboundAt?: string | undefined;
  /** The customer's platform id, for a private reply to someone who wrote in public. */
  recipientExternalId?: string | undefined;
  /** Stable for every attempt of one outbox item; adapters pass it to the platform where it has such a field. */
  idempotencyKey: string;
  /** A pre-approved template instead of free text (WhatsApp outside the 24-hour window); `text` is its preview. */
  template?: TemplateChoice | undefined;
  /** Buttons to offer with the text (survey scores), drawn with the platform's own control where it has one. */
  choices?: ReplyChoice[] | undefined;
  /** Telegram: a button press to acknowledge (answerCallbackQuery) before this is sent. */
  acknowledgeChoiceId?: string | undefined;
}

export interface TemplateChoice {
  name: string;
  /** The template's language code as the platform names it ("en_US", "ru"). */
  language: string;
  /** Values for the body's {{1}}, {{2}}... in order. */
  parameters: string[];
}

/** An approved message template the platform lets a business send outside the customer-service window. */
export interface MessageTemplate {
  name: string;
  language: string;
  category: string;
  status: string;
  /** The body with its {{n}} placeholders, for the agent to preview. */
  body: string;
  parameterCount: number;
}

/** What an agent (or, later, a moderation rule) can do to a public comment or post besides answering it. */
export type ModerationOperation = "hide" | "unhide" | "like" | "unlike" | "delete";

export interface OutboundModeration {
  kind: "moderate";
  operation: ModerationOperation;
  /** The platform id of the comment or post acted on. */
  targetExternalId: string;
  idempotencyKey: string;
}

/** A new post on the brand's own page or account. */
export interface OutboundPublish {
  kind: "publish";
  text: string;
  link?: string | undefined;
  idempotencyKey: string;
}

/** Everything that leaves Parley through the outbox. */
export type OutboundAction = OutboundReply | OutboundModeration | OutboundPublish;

/**
 * How long after the customer's last message a private reply may go out. Messenger and Instagram allow 24 hours,
 * then 7 days with the HUMAN_AGENT tag; WhatsApp allows 24 hours, then approved templates only.
 */
export interface ReplyWindow {
  hours: number;
  afterwards: "human_agent_tag" | "templates_only" | "closed";
  /** For the HUMAN_AGENT tag: how long after the last message it still applies. */
  humanAgentHours?: number | undefined;
}

/** What a platform's profile API says about a person; `reach` is their followers where it says. */
export interface Profile {
  displayName: string;
  username?: string | undefined;
  reach?: number | undefined;
}

export type SendResult = { ok: true; externalId: string } | { ok: false; error: DeliveryError };

/** Whether the platform answers the channel's credentials again, after a pause. */
export type ProbeResult = { ok: true } | { ok: false; error: DeliveryError };

/**
 * Where the server downloads an attachment's file, with the headers (a token) the request needs. Only the
 * server ever sees it: the browser asks Parley's own attachment endpoint, never the platform.
 */
export type AttachmentLocation =
  | { ok: true; url: string; headers?: Record<string, string> | undefined; size?: number | undefined }
  /**
   * The file is inside a raw event Parley kept (an e-mail's MIME): the relay reads that event's bytes by its
   * deduplication key on the channel and `extract` cuts the file out of them (null: no such part).
   */
  | {
      ok: true;
      kept: { dedupKey: string; extract(raw: Uint8Array): Promise<Uint8Array | null> };
      size?: number | undefined;
    }
  /**
   * gone: the platform no longer has it (or never had this id); too_large: the platform will not hand it out
   * (Telegram's 20 MB for bots); refused: an address Parley will not fetch (not the platform's, or a token
   * would go to a host the platform did not name); unavailable: a failure worth trying again later.
   * `detail` is for the log and never carries the URL or the token.
   */
  | { ok: false; reason: "gone" | "too_large" | "refused" | "unavailable"; detail: string };

/** `step` is a short machine name of what failed ("imap_login"); `message` the server's words. */
export type ConnectionTestResult = { ok: true } | { ok: false; step: string; message: string };

export interface ChannelCapabilities {
  publicReplies: boolean;
  privateReplies: boolean;
  /** The platform deduplicates repeated sends with our key (VK random_id). Without it a send whose outcome is
   * unknown after a crash is never retried blindly; it is flagged for an agent instead. */
  idempotentSend: boolean;
  /** The adapter can pull events itself (Telegram getUpdates) instead of, or besides, receiving webhooks. */
  polling: boolean;
  maxTextLength: number;
  /** Operations `moderate` supports on public comments; none when absent. */
  moderation?: readonly ModerationOperation[] | undefined;
  /** `publish` can post on the brand's page or account. */
  publishing?: boolean | undefined;
  /**
   * Nothing can be posted through an API (the open web): the agent opens the page, answers there and records it,
   * and the reply box offers that instead of sending.
   */
  answersOnSite?: boolean | undefined;
  /** Private chats can only be answered within this window of the customer's last message. */
  privateReplyWindow?: ReplyWindow | undefined;
  /** A public comment can be answered privately once, within this many days (Facebook and Instagram: 7). */
  privateReplyToCommentDays?: number | undefined;
}

export interface PollResult {
  events: RawEventInput[];
  /** Opaque cursor to store once the events are stored (Telegram: next offset). */
  nextCursor: string | null;
}

export interface ChannelAdapter<Settings = Record<string, unknown>> {
  platform: Platform;
  displayName: string;
  capabilities: ChannelCapabilities;
  defaultApiBaseUrl: string;
  /** Validates the settings an admin gives when adding the channel. */
  settingsSchema: z.ZodType<Settings>;
  /**
   * What to do with an authentic event whose shape is broken. "refuse" answers 400 (Telegram, VK); "set_aside"
   * keeps it marked unparseable and lets the rest of a batch through, for platforms that disable a webhook
   * which keeps failing (Meta).
   */
  brokenEvents?: "refuse" | "set_aside";
  /** The account id webhooks name this channel by (page id, phone number id); see RawEventInput.accountId. */
  accountIdOf?(settings: Settings): string;
  /**
   * Secrets Parley makes itself when the admin gives none (a mention webhook's signing secret), filled in before the
   * settings are validated and shown to the admin once, in the answer that created the channel.
   */
  generateSecrets?(settings: Record<string, unknown>): Record<string, string>;
  /** Settings fields that are credentials: encrypted at rest, never returned by the API. */
  secretFields: readonly string[];
  /** Checks authenticity and cuts the body into raw events. Must not touch storage. */
  receiveWebhook(request: WebhookRequest, channel: ChannelContext<Settings>): WebhookVerdict;
  /** Turns one stored raw event into normalized events. Throws `UnparseableEventError` for shapes it cannot read. */
  parse(payload: unknown, channel: ChannelContext<Settings>): InboundEvent[];
  /**
   * Optional: fills in what an event names by id only (an Instagram mention carries no text) by asking the
   * platform. The ingest worker calls it with parse's result, outside its transaction, before storing. What
   * parse returns must already stand on its own: when `hydrate` throws, the raw event is retried later, and on
   * its last attempt the events are stored as parse returned them. Events needing nothing pass through as-is.
   */
  hydrate?(events: InboundEvent[], channel: ChannelContext<Settings>): Promise<InboundEvent[]>;
  /**
   * Whether `hydrate` would ask the platform anything for these events; while the channel is held, events
   * that need nothing go in at once and the others wait. Without it every event of the adapter waits.
   */
  needsHydration?(events: InboundEvent[]): boolean;
  send(reply: OutboundReply, channel: ChannelContext<Settings>): Promise<SendResult>;
  /**
   * Optional: the key `send` hands the platform for this idempotency key, as an echo of the send carries it
   * back in `InboundMessage.sendKey` (VK: random_id). Lets ingest know its own messages in the echo.
   */
  sendKeyOf?(idempotencyKey: string): string;
  /** Hides, likes or deletes a public comment or post (capabilities.moderation). externalId: the target's id. */
  moderate?(action: OutboundModeration, channel: ChannelContext<Settings>): Promise<SendResult>;
  /** Publishes a post on the brand's page (capabilities.publishing). externalId: the new post's id. */
  publish?(action: OutboundPublish, channel: ChannelContext<Settings>): Promise<SendResult>;
  /** Approved message templates (WhatsApp), for replies outside the window. */
  listTemplates?(channel: ChannelContext<Settings>): Promise<MessageTemplate[]>;
  /**
   * Pulls new events when the platform supports it (capabilities.polling). A platform's refusal is thrown as
   * a `PlatformRefusal`, so the poller can honour its wait.
   */
  poll?(channel: ChannelContext<Settings>, cursor: string | null, signal: AbortSignal): Promise<PollResult>;
  /** Whether this channel's settings want the poller; without it, `settings.mode === "polling"` decides. */
  pollingWanted?(settings: Settings): boolean;
  /** A long-lived connection the platform pushes events down (X's filtered stream); see ChannelStream. */
  stream?: ChannelStream<Settings> | undefined;
  /**
   * Names and handles for people the events named by id only (VK users.get); best effort, in batches. A
   * refusal that concerns the whole channel (throttling, an outage, a revoked token) is thrown as a
   * `PlatformRefusal` so the lookup waits with the channel instead of giving the names up.
   */
  lookupProfiles?(channel: ChannelContext<Settings>, externalIds: string[]): Promise<Map<string, Profile>>;
  /**
   * One cheap authenticated read (Telegram getMe, VK groups.getById, Graph GET of the account) that tells
   * whether a paused channel may send again. Without it a pause simply ends when its wait is over.
   */
  probe?(channel: ChannelContext<Settings>): Promise<ProbeResult>;
  /**
   * Optional: where to download an attachment's file (Telegram getFile, the WhatsApp media URL, a CDN address the
   * webhook gave). Without it the channel's attachments are listed but not shown.
   */
  locateAttachment?(attachment: Attachment, channel: ChannelContext<Settings>): Promise<AttachmentLocation>;
  /**
   * Optional: tries the settings an admin is about to save (e-mail: IMAP login, folder, SMTP login) and says
   * which step failed, before a channel exists. Nothing is read or sent.
   */
  testConnection?(settings: Settings): Promise<ConnectionTestResult>;
  /** Called once after the channel is created or its settings change (e.g. Telegram setWebhook). */
  connect?(channel: ChannelContext<Settings>, webhookUrl: string): Promise<void>;
  /**
   * `connect` tells the platform the webhook URL (Viber set_webhook), so it runs again at start when the public
   * URL changed since (src/commands/webhookRegistrar.ts). Off for Telegram until its tests, which start several
   * processes on one database with a URL each, share one public URL as a deployment does.
   */
  reconnectsOnUrlChange?: boolean;
}

/** How one stream connection ended: stopped by us, dropped (reconnect soon), or refused with the platform's error. */
export type StreamEnd =
  | { kind: "stopped" }
  | { kind: "stalled" | "closed" | "network"; detail: string }
  | { kind: "refused"; error: DeliveryError };

export interface StreamHandlers {
  /** Stores events before the stream reads on (deduplicated like any raw event). */
  store(events: RawEventInput[]): Promise<void>;
  connected(): void;
  notice(errors: unknown[]): void;
}

/**
 * A platform stream that allows one connection per app (X), held by one worker process at a time under a lease
 * named by `appKey` (src/worker/channelStreams.ts), reconnected with the platform's back-off.
 */
export interface ChannelStream<Settings> {
  wanted(settings: Settings): boolean;
  appKey(settings: Settings): string;
  /** Minutes the platform replays after a reconnect (X backfill_minutes); 0 for none. */
  backfillMinutes(settings: Settings): number;
  readOnce(
    channel: ChannelContext<Settings>,
    handlers: StreamHandlers,
    options: { backfillMinutes?: number | undefined; keepAliveMs?: number | undefined; signal: AbortSignal },
  ): Promise<StreamEnd>;
  reconnectDelayMs(end: StreamEnd, attempt: number): number;
  /** Keeps the platform's filter in step with the listening topics' terms. */
  syncRules?(channel: ChannelContext<Settings>, terms: string[]): Promise<void>;
}

/**
 * Thrown by `parse`. A broken shape (a message without its chat) is refused at the door with 400; an event
 * kind Parley does not know yet (`unknownKind`) is stored and set aside, because answering errors to a
 * platform's new event types makes it hold back or drop everything after them.
 */
export class UnparseableEventError extends Error {
  override readonly name = "UnparseableEventError";
  readonly unknownKind: boolean;
  constructor(message: string, options: { unknownKind?: boolean } = {}) {
    super(message);
    this.unknownKind = options.unknownKind ?? false;
  }
}
