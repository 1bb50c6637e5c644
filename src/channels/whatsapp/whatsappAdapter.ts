import { z } from "zod";
import { permanentError } from "../../domain/deliveryError.ts";
import type { ReplyChoice } from "../../domain/replyChoice.ts";
import type {
  ChannelAdapter,
  ChannelContext,
  MessageTemplate,
  OutboundReply,
  ProbeResult,
  SendResult,
  WebhookRequest,
  WebhookVerdict,
} from "../channelAdapter.ts";
import { type GraphResult, graphRequest } from "../meta/graphClient.ts";
import { META_SECRET_FIELDS, metaAppSettings } from "../meta/metaSettings.ts";
import { receiveMetaWebhook } from "../meta/metaWebhook.ts";
import { locateWhatsappMedia } from "./whatsappMedia.ts";
import { parseWhatsappItem, splitWhatsappEnvelope, WHATSAPP_OBJECT } from "./whatsappParser.ts";

const settingsSchema = metaAppSettings.extend({
  /** The phone number id: one channel per number; every number of one app shares the app's webhook. */
  accountId: z.string().regex(/^\d+$/, "the numeric phone number id"),
  /** The WhatsApp Business Account id, which owns the message templates. */
  businessAccountId: z.string().regex(/^\d+$/, "the numeric WhatsApp Business Account id"),
});
export type WhatsappSettings = z.infer<typeof settingsSchema>;

const MAX_TEXT = 4096;
const MAX_BUTTONS = 3;
const MAX_LIST_ROWS = 10;
const MAX_INTERACTIVE_BODY = 1024;
const WINDOW_MS = 24 * 3_600_000;
/** Template pages to follow: 100 templates each, far more than any business keeps approved. */
const MAX_TEMPLATE_PAGES = 20;

function receiveWebhook(request: WebhookRequest, channel: ChannelContext<WhatsappSettings>): WebhookVerdict {
  return receiveMetaWebhook(request, channel.settings, WHATSAPP_OBJECT, splitWhatsappEnvelope);
}

function graphCall(
  channel: ChannelContext<WhatsappSettings>,
  path: string,
  body?: unknown,
): Promise<GraphResult> {
  return graphRequest(
    channel.apiBaseUrl,
    channel.settings,
    "WhatsApp",
    body === undefined ? "GET" : "POST",
    path,
    body,
  );
}

/**
 * Free text inside the 24-hour customer-service window; outside it only an approved template (PLATFORMS.md
 * §5.2). A template the agent chose is sent as one inside the window too: it is valid at any time, and
 * WhatsApp's clock for the window may disagree with ours.
 */
async function send(reply: OutboundReply, channel: ChannelContext<WhatsappSettings>): Promise<SendResult> {
  const { waId, userId } = reply.replyTarget;
  const phone = waId === undefined || waId === null ? undefined : String(waId);
  const bsuid = userId === undefined || userId === null ? undefined : String(userId);
  if ((!phone && !bsuid) || reply.visibility !== "private")
    return { ok: false, error: permanentError("no_recipient", "WhatsApp replies go to a customer's chat") };
  const base = {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    // A customer known only by a business-scoped user id (a WhatsApp username, no phone) is reached by `recipient`.
    ...(phone ? { to: phone } : { recipient: bsuid }),
    ...(reply.inReplyToExternalId ? { context: { message_id: reply.inReplyToExternalId } } : {}),
  };
  let body: Record<string, unknown>;
  if (reply.template) {
    const { name, language, parameters } = reply.template;
    body = {
      ...base,
      type: "template",
      template: {
        name,
        language: { code: language },
        ...(parameters.length > 0
          ? { components: [{ type: "body", parameters: parameters.map((text) => ({ type: "text", text })) }] }
          : {}),
      },
    };
  } else {
    const lastInbound = reply.lastInboundAt ? Date.parse(reply.lastInboundAt) : Number.NaN;
    if (!Number.isFinite(lastInbound) || Date.now() - lastInbound > WINDOW_MS)
      return {
        ok: false,
        error: permanentError(
          "outside_window",
          "More than 24 hours since the customer last wrote: WhatsApp allows only an approved template",
        ),
      };
    if (reply.text.length === 0 || reply.text.length > MAX_TEXT)
      return {
        ok: false,
        error: permanentError("invalid_text", `WhatsApp messages must be 1-${MAX_TEXT} characters`),
      };
    body = { ...base, ...(interactiveOf(reply.text, reply.choices) ?? textOf(reply.text)) };
  }
  const result = await graphCall(channel, `${channel.settings.accountId}/messages`, body);
  if (!result.ok) return result;
  const messages = result.answer.messages as { id?: unknown }[] | undefined;
  const id = messages?.[0]?.id;
  return typeof id === "string" && id
    ? { ok: true, externalId: id }
    : { ok: false, error: permanentError("rejected", "WhatsApp returned no message id") };
}

function textOf(text: string) {
  return { type: "text", text: { body: text, preview_url: false } };
}

/**
 * Choices as WhatsApp's own controls: up to 3 reply buttons (titles of 20 characters), up to 10 list rows
 * (titles of 24, descriptions of 72). More (an eleven-point NPS scale) is plain text, whose wording says how
 * to answer. https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-reply-buttons-messages
 */
function interactiveOf(text: string, choices: ReplyChoice[] | undefined) {
  if (
    !choices ||
    choices.length === 0 ||
    choices.length > MAX_LIST_ROWS ||
    text.length > MAX_INTERACTIVE_BODY
  )
    return null;
  if (choices.length <= MAX_BUTTONS && choices.every((c) => c.label.length <= 20))
    return {
      type: "interactive",
      interactive: {
        type: "button",
        body: { text },
        action: {
          buttons: choices.map((c) => ({ type: "reply", reply: { id: c.payload, title: c.label } })),
        },
      },
    };
  return {
    type: "interactive",
    interactive: {
      type: "list",
      body: { text },
      action: {
        button: listButtonLabel(choices),
        sections: [
          {
            rows: choices.map((c) => ({
              id: c.payload,
              title: c.label.slice(0, 24),
              ...(c.description ? { description: c.description.slice(0, 72) } : {}),
            })),
          },
        ],
      },
    },
  };
}

/** The button that opens the list: the range of a numeric scale ("1–5"), which needs no translation. */
function listButtonLabel(choices: ReplyChoice[]): string {
  const numbers = choices.map((c) => Number(c.label));
  if (numbers.every((n) => Number.isInteger(n))) return `${Math.min(...numbers)}–${Math.max(...numbers)}`;
  return "☰";
}

interface GraphTemplate {
  name?: string;
  language?: string;
  status?: string;
  category?: string;
  components?: { type?: string; text?: string }[];
}

/** Approved templates of the number's Business Account, following Graph paging (PLATFORMS.md §1.7). */
async function listTemplates(channel: ChannelContext<WhatsappSettings>): Promise<MessageTemplate[]> {
  const templates: MessageTemplate[] = [];
  let next: string | undefined =
    `${channel.settings.businessAccountId}/message_templates?fields=name,language,status,category,components&limit=100`;
  for (let page = 0; next && page < MAX_TEMPLATE_PAGES; page++) {
    const result = await graphCall(channel, next);
    if (!result.ok) throw new Error(result.error.message);
    const data = (result.answer.data ?? []) as GraphTemplate[];
    for (const template of data) {
      if (template.status !== "APPROVED" || !template.name || !template.language) continue;
      const body = template.components?.find((c) => c.type === "BODY")?.text ?? "";
      templates.push({
        name: template.name,
        language: template.language,
        category: template.category ?? "",
        status: template.status,
        body,
        parameterCount: new Set(body.match(/\{\{\s*\d+\s*\}\}/g)?.map((p) => p.replace(/\s/g, ""))).size,
      });
    }
    const paging = result.answer.paging as { next?: unknown } | undefined;
    next = typeof paging?.next === "string" ? paging.next : undefined;
  }
  return templates;
}

/** GET of the phone number itself: proves the token works and the Cloud API answers. */
async function probe(channel: ChannelContext<WhatsappSettings>): Promise<ProbeResult> {
  const result = await graphCall(channel, `${channel.settings.accountId}?fields=id`);
  return result.ok ? { ok: true } : result;
}

export const whatsappAdapter: ChannelAdapter<WhatsappSettings> = {
  platform: "whatsapp",
  displayName: "WhatsApp Business",
  capabilities: {
    publicReplies: false,
    privateReplies: true,
    idempotentSend: false,
    polling: false,
    maxTextLength: MAX_TEXT,
    privateReplyWindow: { hours: 24, afterwards: "templates_only" },
  },
  defaultApiBaseUrl: "https://graph.facebook.com",
  settingsSchema: settingsSchema as unknown as z.ZodType<WhatsappSettings>,
  secretFields: META_SECRET_FIELDS,
  brokenEvents: "set_aside",
  accountIdOf: (settings) => settings.accountId,
  receiveWebhook,
  parse: (payload) => parseWhatsappItem(payload),
  send,
  listTemplates,
  probe,
  locateAttachment: locateWhatsappMedia,
};
