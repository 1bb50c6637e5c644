import type {
  Attachment,
  Author,
  InboundChannelNotice,
  InboundThreadNote,
  ReplyTarget,
} from "../../domain/inboundEvent.ts";
import { privateThreadKey } from "../../domain/threading.ts";
import { str } from "./messagingDedupKey.ts";

/**
 * Messenger and Instagram messaging events that are context rather than words to answer (PLATFORMS.md §2.1):
 * the ad or link that brought the customer, opt-ins, the handover protocol between apps, and the page's policy
 * blocks. They are shown to agents (a note in the thread) or admins (the bell) instead of being dropped.
 */
type Json = Record<string, unknown>;
type MessagingPlatform = "facebook" | "instagram";

const obj = (value: unknown): Json | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;

/**
 * A referral (`referral`, or inside a postback or a message): where the customer came from. Click-to-Messenger
 * ads carry `ad_id` and `ads_context_data`; m.me links a `ref` and source SHORTLINK; the chat plugin a
 * `referer_uri`.
 */
export function referralSummary(referral: Json): { text: string; attachments: Attachment[] } {
  const source = str(referral.source) ?? "unknown source";
  const ads = obj(referral.ads_context_data);
  const parts = [`Came from ${source.toLowerCase().replaceAll("_", " ")}`];
  const adTitle = str(ads?.ad_title);
  if (str(referral.ad_id)) parts.push(`ad ${str(referral.ad_id)}${adTitle ? ` “${adTitle}”` : ""}`);
  if (str(referral.ref)) parts.push(`ref “${str(referral.ref)}”`);
  // The chat plugin's page, a link's source, or the ad's post: where the agent can see what the customer saw.
  const postId = str(ads?.post_id);
  const link =
    str(referral.referer_uri) ??
    str(referral.source_url) ??
    (postId ? `https://www.facebook.com/${postId}` : undefined);
  const attachments: Attachment[] = link ? [{ type: "link", ref: link, name: adTitle ?? "referral" }] : [];
  return { text: parts.join(", "), attachments };
}

const HANDOVER: Record<string, (detail: Json) => string> = {
  pass_thread_control: (d) =>
    `The conversation was passed to app ${str(d.new_owner_app_id) ?? "?"}${metadataOf(d)}: replies from Parley may be refused until it is passed back`,
  take_thread_control: (d) =>
    `App ${str(d.previous_owner_app_id) ?? "?"} gave up the conversation; it was taken by app ${str(d.new_owner_app_id) ?? "the page"}${metadataOf(d)}`,
  request_thread_control: (d) =>
    `App ${str(d.requested_owner_app_id) ?? "?"} asks to take over the conversation${metadataOf(d)}`,
};

function metadataOf(detail: Json): string {
  const metadata = str(detail.metadata);
  return metadata ? ` (“${metadata.slice(0, 200)}”)` : "";
}

/** A thread note for a referral, an opt-in or a handover event; undefined when `v` is none of them. */
export function messagingThreadNote(
  v: Json,
  platform: MessagingPlatform,
  customer: string | undefined,
  author: (id: string) => Author,
  replyTarget: (id: string) => ReplyTarget,
  at: Date,
): InboundThreadNote | { type: "ignored"; platform: MessagingPlatform; reason: string } | undefined {
  const kind = ["referral", "optin", ...Object.keys(HANDOVER)].find((k) => k in v);
  if (!kind) return undefined;
  if (!customer)
    // A checkbox-plugin opt-in names a user_ref, not a person Parley can write to or thread under.
    return { type: "ignored", platform, reason: `${label(platform)} ${kind} without a sender id` };
  const detail = obj(v[kind]) ?? {};
  let text: string;
  let attachments: Attachment[] = [];
  if (kind === "referral") ({ text, attachments } = referralSummary(detail));
  else if (kind === "optin") {
    const topic = str(detail.title) ?? str(detail.payload) ?? str(detail.ref);
    const frequency = str(detail.notification_messages_frequency);
    text =
      str(detail.type) === "notification_messages"
        ? `Opted in to ${frequency ? `${frequency.toLowerCase()} ` : ""}notification messages${topic ? ` about “${topic}”` : ""}`
        : `Opted in${topic ? ` (“${topic}”)` : ""}`;
    if (str(detail.notification_messages_status) === "STOP_NOTIFICATIONS")
      text = `Stopped notification messages${topic ? ` about “${topic}”` : ""}`;
  } else text = HANDOVER[kind]!(detail);
  return {
    type: "thread_note",
    platform,
    externalId: `${kind}:${customer}:${str(v.timestamp) ?? at.getTime()}`,
    threadKey: privateThreadKey(customer),
    author: author(customer),
    replyTarget: replyTarget(customer),
    text,
    attachments,
    at,
  };
}

/** Messenger's policy enforcement (`policy-enforcement`, seen spelled with an underscore too): a block for the admins. */
export function policyNotice(v: Json, platform: MessagingPlatform): InboundChannelNotice | undefined {
  const detail = obj(v["policy-enforcement"]) ?? obj(v.policy_enforcement);
  if (!detail) return undefined;
  const action = str(detail.action) ?? "unknown action";
  const reason = str(detail.reason);
  return {
    type: "channel_notice",
    platform,
    kind: `${platform === "facebook" ? "messenger" : "instagram"}.policy_enforcement`,
    severity: action === "unblock" ? "info" : "warning",
    text:
      action === "unblock"
        ? `${label(platform)} lifted the block on this page's messaging`
        : `${label(platform)} policy enforcement: ${action}${reason ? ` — ${reason}` : ""}. Replies may be refused until it is resolved in Meta's Business Support Home`,
    data: { action, reason: reason ?? null },
  };
}

/** What a message Meta says it cannot show (`is_unsupported`) leaves in the thread: a named placeholder. */
export function unsupportedPlaceholder(platform: MessagingPlatform): Attachment {
  return { type: "other", name: `${label(platform)} message type Parley cannot show (open it in the app)` };
}

const label = (platform: MessagingPlatform) => (platform === "facebook" ? "Messenger" : "Instagram");
