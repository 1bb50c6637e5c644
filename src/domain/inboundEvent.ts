import type { ReportedDeliveryStatus } from "./deliveryStatus.ts";
import type { Platform } from "./platform.ts";

/**
 * The one shape every platform's webhook or poll result is normalized into.
 * Adapters produce these; the ingest pipeline consumes them and knows nothing of platforms.
 */
export type InboundEvent =
  | InboundMessage
  | InboundMessageDeleted
  | InboundPost
  | InboundDeliveryStatus
  | InboundReadUpTo
  | InboundCommentVisibility
  | InboundReaction
  | InboundThreadNote
  | InboundChannelNotice
  | InboundSubscription
  | InboundIgnored;

export interface Author {
  /** The platform's own stable id for the person (Telegram user id, VK user id, PSID...). */
  externalId: string;
  displayName: string;
  username?: string | undefined;
  /** Followers or subscribers where the platform says; used later for priority ("author reach"). */
  reach?: number | undefined;
  isBot?: boolean | undefined;
  /** The event carried an id but no name; the adapter's lookupProfiles fills it in later. */
  needsProfile?: boolean | undefined;
}

export interface Attachment {
  type: "image" | "video" | "audio" | "file" | "sticker" | "location" | "contact" | "link" | "other";
  /**
   * The platform's id or URL of the file. Never sent to the browser: some are only usable with the channel's
   * token (a Telegram file_id, a WhatsApp media id), so the server fetches them for the UI (src/attachments/).
   */
  ref?: string | undefined;
  /** A direct download address the platform gives beside the id (VK photo sizes, VK documents). Server-only too. */
  url?: string | undefined;
  /** The customer's own file name where the platform passes it on: hostile text, shown inert. */
  name?: string | undefined;
  /** The MIME type the platform reports, a hint only: what the browser gets is decided from the bytes. */
  mimeType?: string | undefined;
  /** Size in bytes, where the platform says. */
  size?: number | undefined;
  /** Pixel size of an image or video, where the platform says, so the UI can reserve its place. */
  width?: number | undefined;
  height?: number | undefined;
}

/** Where a thread lives on the platform and how the next reply reaches it. Adapter-owned, opaque to the core. */
export type ReplyTarget = Record<string, string | number | boolean | null>;

export interface PostContext {
  externalId: string;
  text: string;
  permalink?: string | undefined;
  authorName?: string | undefined;
  createdAt?: Date | undefined;
}

/**
 * A message or comment, new or edited.
 * `threadKey` decides the conversation: a private chat has one per contact and channel; a public comment thread
 * has one per top-level comment (see domain/threading.ts).
 */
export interface InboundMessage {
  type: "message";
  platform: Platform;
  externalId: string;
  threadKey: string;
  visibility: "public" | "private";
  author: Author;
  text: string;
  attachments: Attachment[];
  sentAt: Date;
  /** Set when this is an edit of a message Parley has already stored under the same externalId. */
  editedAt?: Date | undefined;
  /** For comment trees: the comment this one answers (undefined for a top-level comment). */
  parentExternalId?: string | undefined;
  /** Public threads carry the post they hang under. */
  post?: PostContext | undefined;
  /** True when the brand account is mentioned (@bot, [club1|...]), so listening and triage can weigh it. */
  mentionsAccount?: boolean | undefined;
  /** A human-readable name for the chat or place (group title, "Wall post 5"). */
  placeName?: string | undefined;
  replyTarget: ReplyTarget;
  /**
   * The newest customer message's target replaces the conversation's (e-mail: the answer goes In-Reply-To the
   * latest mail and carries its References). Elsewhere the first message's target serves the whole thread.
   */
  replyTargetFollowsLatest?: boolean | undefined;
  /** True for messages the brand itself sent from the platform's own app, recorded but never unread. */
  fromAccount?: boolean | undefined;
  /**
   * Found by a keyword search or a feed rather than addressed to the brand (an X post from the filtered stream,
   * a review-site item). Its conversation stays out of the inbox, and out of triage, SLA and reports, until
   * listening's triage decides it needs a person; a message addressed to the brand in the same thread brings it
   * in too.
   */
  capturedByListening?: boolean | undefined;
  /**
   * For the brand's own messages: the deduplication key the send carried, as the platform hands it back (VK's
   * random_id). It tells the echo of a message Parley sent from one someone wrote in the platform's app; the
   * adapter's `sendKeyOf` gives the same string for the outbox item's idempotency key.
   */
  sendKey?: string | undefined;
  /** The payload of a button the customer pressed (a survey score); `text` then holds the button's label. */
  choice?: string | undefined;
  /** Telegram: the callback query a press arrived as, to be answered so the button stops spinning. */
  choiceAckId?: string | undefined;
}

export interface InboundMessageDeleted {
  type: "message_deleted";
  platform: Platform;
  /** Deletions often arrive without their thread (VK wall_reply_delete); the message is found by externalId. */
  externalId: string;
  deletedAt: Date;
}

/** A post by the brand account (or a visitor) that comment threads will hang under. */
export interface InboundPost {
  type: "post";
  platform: Platform;
  post: PostContext;
}

export interface InboundDeliveryStatus {
  type: "delivery_status";
  platform: Platform;
  /** The platform's id of a message Parley sent. */
  externalId: string;
  /** "sent": the platform accepted it (WhatsApp); Parley already counts an accepted send as delivered. */
  status: ReportedDeliveryStatus;
  at: Date;
  error?: string | undefined;
}

/** The customer has read everything the brand sent in this thread up to `at` (Messenger read watermark). */
export interface InboundReadUpTo {
  type: "read_up_to";
  platform: Platform;
  threadKey: string;
  at: Date;
}

/** A comment was hidden or unhidden on the platform itself (by the page in its own app, or by Parley's call). */
export interface InboundCommentVisibility {
  type: "comment_visibility";
  platform: Platform;
  externalId: string;
  hidden: boolean;
  at: Date;
}

/** The customer reacted to a message (usually one the brand sent), or took the reaction back (`emoji` null). */
export interface InboundReaction {
  type: "reaction";
  platform: Platform;
  /** The platform's id of the message reacted to. */
  externalId: string;
  emoji: string | null;
  at: Date;
}

/**
 * Something the platform says about a private thread that is context for the agent, not words to answer: the ad or
 * link that brought the customer (a referral), an opt-in, another app passing or taking the thread (Messenger's
 * handover protocol). It becomes a note in the conversation, in time order, and never makes it unread.
 */
export interface InboundThreadNote {
  type: "thread_note";
  platform: Platform;
  /** Unique per note on this channel, so a repeated webhook adds nothing. */
  externalId: string;
  threadKey: string;
  author: Author;
  replyTarget: ReplyTarget;
  text: string;
  attachments: Attachment[];
  at: Date;
}

/**
 * News about the channel itself for its admins (the bell): a WhatsApp number's quality rating or messaging limit
 * changed, a template was approved or rejected, Messenger blocked the page for a policy breach.
 */
export interface InboundChannelNotice {
  type: "channel_notice";
  platform: Platform;
  /** Short machine name, e.g. "whatsapp.phone_quality", "messenger.policy_enforcement". */
  kind: string;
  /** One line an admin can act on, in English; `data` carries the figures for other languages. */
  text: string;
  /** Warning-level notices (a block, a rejected template, a quality drop) stand out in the bell. */
  severity: "info" | "warning";
  data?: Record<string, string | number | boolean | null> | undefined;
}

/**
 * The customer subscribed to the account or unsubscribed from it (Viber). While unsubscribed they cannot be
 * written to: replies are refused with the reason until they subscribe again or write themselves.
 */
export interface InboundSubscription {
  type: "subscription";
  platform: Platform;
  /** The private thread with the person, as their messages name it. */
  threadKey: string;
  subscribed: boolean;
  at: Date;
}

/** A well-formed event Parley deliberately does not turn into anything (typing, joins...). Kept for the record. */
export interface InboundIgnored {
  type: "ignored";
  platform: Platform;
  reason: string;
}
