import { randomBytes } from "node:crypto";
import { permanentError } from "../../domain/deliveryError.ts";
import type {
  ChannelAdapter,
  ChannelContext,
  SendResult,
  WebhookRequest,
  WebhookVerdict,
} from "../channelAdapter.ts";
import { parseMentionBody } from "./mentionPayload.ts";
import { checkMentionSignature, SIGNATURE_HEADER } from "./mentionSignature.ts";
import { parseWebMention } from "./webParser.ts";
import { type WebSettings, webSettingsSchema } from "./webSettings.ts";

/**
 * The open web: review sites, forums, blogs and news read from RSS/Atom feeds (src/worker/feedPoller.ts) or pushed
 * by a partner through a signed webhook. Nothing can be posted back through an API: an agent answers on the site
 * itself and records it (src/commands/siteAnswerRecorder.ts).
 */
export const webAdapter: ChannelAdapter<WebSettings> = {
  platform: "web",
  displayName: "Open web",
  capabilities: {
    publicReplies: false,
    privateReplies: false,
    idempotentSend: false,
    polling: false,
    maxTextLength: 20_000,
    answersOnSite: true,
  },
  defaultApiBaseUrl: "",
  settingsSchema: webSettingsSchema,
  brokenEvents: "refuse",
  secretFields: ["secret"],

  generateSecrets(settings): Record<string, string> {
    if (settings.kind !== "webhook" || settings.secret) return {};
    return { secret: randomBytes(32).toString("base64url") };
  },

  receiveWebhook(request: WebhookRequest, channel: ChannelContext<WebSettings>): WebhookVerdict {
    const settings = channel.settings;
    if (settings.kind !== "webhook")
      return { kind: "rejected", status: 403, reason: "This web channel is a feed; it takes no webhooks" };
    if (request.method !== "POST") return { kind: "rejected", status: 403, reason: "Only POST is accepted" };
    const check = checkMentionSignature(
      request.headers[SIGNATURE_HEADER],
      request.rawBytes ?? request.rawBody,
      settings.secret,
      Math.floor(Date.now() / 1000),
    );
    if (!check.ok) return { kind: "rejected", status: 401, reason: check.reason };
    const parsed = parseMentionBody(request.rawBody);
    if (!parsed.ok) return { kind: "malformed", reason: parsed.reason, rawBody: request.rawBody };
    return {
      kind: "events",
      events: parsed.mentions.map((mention) => ({ dedupKey: mention.id, payload: mention })),
      ackBody: JSON.stringify({ stored: parsed.mentions.length }),
      ackContentType: "application/json",
    };
  },

  parse: (payload) => parseWebMention(payload),

  async send(): Promise<SendResult> {
    // Never reached: a web mention is answered on the site, and the reply box offers nothing to send.
    return {
      ok: false,
      error: permanentError("answer_on_site", "A web mention is answered on the site itself, then recorded"),
    };
  },
};
