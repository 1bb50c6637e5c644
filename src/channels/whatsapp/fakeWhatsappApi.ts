import { randomBytes } from "node:crypto";
import type { Hono } from "hono";
import type { CustomerAction, DeliveryOutcome } from "../../simulator/customerDriver.ts";
import { type SimulatedFile, simulatedFile, simulatedFileId } from "../../simulator/simulatedFiles.ts";
import type { SimulatorState } from "../../simulator/simulatorState.ts";
import {
  type GraphAnswer,
  type GraphCall,
  type GraphHandler,
  graphErrorAnswer,
} from "../meta/fakeGraphApi.ts";
import { deliverSignedMetaWebhook } from "../meta/metaWebhook.ts";

export interface FakeNumber {
  phoneNumberId: string;
  businessAccountId: string;
  displayPhoneNumber: string;
  accessToken: string;
  appSecret: string;
  webhookUrl?: string | undefined;
}

export interface FakeSentMessage {
  id: string;
  to: string;
  type: "text" | "template" | "interactive";
  params: Record<string, unknown>;
}

interface NumberState extends FakeNumber {
  /** When each customer (wa_id) last wrote to this number, for the 24-hour window (ms). */
  lastInbound: Map<string, number>;
  sent: FakeSentMessage[];
}

/** The order the sent → delivered → read callbacks of one message reach the webhook. */
export type StatusOrder = "in_order" | "reversed" | "shuffled";

export interface WhatsappFakeOptions {
  /** Wait before the first status callback of a send; statuses follow the send answer, never precede it. */
  statusDelayMs?: number | undefined;
  statusOrder?: StatusOrder | undefined;
  /** Delivers every status twice, as Meta may. */
  repeatStatuses?: boolean | undefined;
  /** No status callbacks at all. */
  statusCallbacks?: boolean | undefined;
  /** Delivers the callbacks before answering the send, as a loaded platform may: they overtake the answer. */
  statusesBeforeAnswer?: boolean | undefined;
}

const WINDOW_MS = 24 * 3_600_000;
/** A business-scoped user id: country code, optional ENT for a parent id, then up to 128 letters and digits. */
const BSUID = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/;

interface FakeTemplate {
  name: string;
  language: string;
  status: "APPROVED" | "PENDING" | "REJECTED";
  category: "UTILITY" | "MARKETING";
  body: string;
}

const TEMPLATES: FakeTemplate[] = [
  {
    name: "order_update",
    language: "en_US",
    status: "APPROVED",
    category: "UTILITY",
    body: "Hello {{1}}, there is news about your order {{2}}. Reply to this message to continue.",
  },
  {
    name: "order_update",
    language: "ru",
    status: "APPROVED",
    category: "UTILITY",
    body: "Здравствуйте, {{1}}! Есть новости о вашем заказе {{2}}. Ответьте на это сообщение, чтобы продолжить.",
  },
  {
    name: "order_update",
    language: "pl",
    status: "APPROVED",
    category: "UTILITY",
    body: "Dzień dobry {{1}}, mamy informacje o zamówieniu {{2}}. Odpowiedz, aby kontynuować.",
  },
  {
    name: "order_update",
    language: "lv",
    status: "APPROVED",
    category: "UTILITY",
    body: "Labdien, {{1}}! Ir jaunumi par jūsu pasūtījumu {{2}}. Atbildiet, lai turpinātu.",
  },
  {
    name: "follow_up",
    language: "en_US",
    status: "APPROVED",
    category: "UTILITY",
    body: "Hi {{1}}, we are still here to help with your request. Reply any time.",
  },
  {
    name: "black_friday_promo",
    language: "en_US",
    status: "PENDING",
    category: "MARKETING",
    body: "Black Friday at Nordmart: {{1}} off everything this weekend!",
  },
];

const placeholders = (body: string) => new Set(body.match(/\{\{\d+\}\}/g)).size;
const seconds = (ms = Date.now()) => String(Math.floor(ms / 1000));

/**
 * WhatsApp media ids are numeric: the simulated file's kind and seed are written into one (9, then 1 for an
 * image or 2 for a document, then the seed), so the fake can answer for it after a restart without state.
 */
function mediaIdOf(file: SimulatedFile, seed: number): string {
  return `9${file.kind === "image" ? 1 : 2}${String(seed).padStart(10, "0")}`;
}

function mediaFile(mediaId: string): SimulatedFile | null {
  const match = /^9([12])(\d{10})$/.exec(mediaId);
  if (!match) return null;
  return simulatedFile(simulatedFileId(match[1] === "1" ? "image" : "document", Number(match[2])));
}

/** A customer's photo or document as a messages webhook carries it: the media id, its type, the caption. */
function mediaMessage(kind: "image" | "document", caption: string, seed: number): Record<string, unknown> {
  const file = simulatedFile(simulatedFileId(kind, seed))!;
  const media = {
    id: mediaIdOf(file, seed),
    mime_type: file.mimeType,
    sha256: randomBytes(32).toString("base64"),
    caption,
    ...(kind === "document" ? { filename: file.name } : {}),
  };
  return { type: kind, [kind]: media };
}
const newWamid = () => `wamid.${randomBytes(24).toString("base64")}`;

/**
 * A fake of the WhatsApp Cloud API paths Parley calls (send, message templates) and of the webhooks a
 * customer's messages and the status callbacks of Parley's sends produce, signed with the app secret.
 */
export function createWhatsappFake(options: WhatsappFakeOptions = {}) {
  const numbers = new Map<string, NumberState>();
  const settings = {
    statusDelayMs: options.statusDelayMs ?? 150,
    statusOrder: options.statusOrder ?? ("in_order" as StatusOrder),
    repeatStatuses: options.repeatStatuses ?? false,
    statusCallbacks: options.statusCallbacks ?? true,
    statusesBeforeAnswer: options.statusesBeforeAnswer ?? false,
  };
  const inFlight = new Set<Promise<unknown>>();

  function number(phoneNumberId: string): NumberState {
    const found = numbers.get(phoneNumberId);
    if (!found) throw new Error(`No fake WhatsApp number ${phoneNumberId}`);
    return found;
  }

  async function deliver(target: NumberState, body: Record<string, unknown>): Promise<DeliveryOutcome> {
    if (!target.webhookUrl) throw new Error(`Number ${target.phoneNumberId} has no webhook`);
    return deliverSignedMetaWebhook(target.webhookUrl, target.appSecret, body);
  }

  /** The webhook envelope of one `messages` change on a number. */
  const messagesChange = (target: NumberState, value: Record<string, unknown>) => ({
    object: "whatsapp_business_account",
    entry: [
      {
        id: target.businessAccountId,
        changes: [
          {
            value: {
              messaging_product: "whatsapp",
              metadata: {
                display_phone_number: target.displayPhoneNumber,
                phone_number_id: target.phoneNumberId,
              },
              ...value,
            },
            field: "messages",
          },
        ],
      },
    ],
  });

  const statusValue = (message: FakeSentMessage, status: string, errors?: unknown[]) => ({
    statuses: [
      {
        id: message.id,
        status,
        timestamp: seconds(),
        recipient_id: message.to,
        ...(status === "failed"
          ? { errors: errors ?? [] }
          : {
              pricing: {
                billable: true,
                pricing_model: "PMP",
                category: message.type === "template" ? "utility" : "service",
              },
            }),
      },
    ],
  });

  function orderStatuses(): string[] {
    const statuses = ["sent", "delivered", "read"];
    if (settings.statusOrder === "reversed") statuses.reverse();
    if (settings.statusOrder === "shuffled") statuses.sort(() => Math.random() - 0.5);
    return settings.repeatStatuses ? statuses.flatMap((s) => [s, s]) : statuses;
  }

  /** Status callbacks of one send, one webhook each; by default after the send has been answered. */
  async function scheduleStatuses(target: NumberState, message: FakeSentMessage): Promise<void> {
    if (!settings.statusCallbacks || !target.webhookUrl) return;
    const statuses = orderStatuses();
    const run = (async () => {
      if (!settings.statusesBeforeAnswer)
        await new Promise((resolve) => setTimeout(resolve, settings.statusDelayMs));
      for (const status of statuses)
        await deliver(target, messagesChange(target, statusValue(message, status))).catch(() => undefined);
    })();
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
    if (settings.statusesBeforeAnswer) await run;
  }

  const fake = {
    platform: "whatsapp" as const,
    settings,
    accounts: () => [...numbers.values()].filter((n) => n.webhookUrl).map((n) => n.phoneNumberId),
    addNumber(config: FakeNumber): void {
      const existing = numbers.get(config.phoneNumberId);
      if (existing) Object.assign(existing, config);
      else numbers.set(config.phoneNumberId, { ...config, lastInbound: new Map(), sent: [] });
    },
    deliverRaw: (phoneNumberId: string, body: Record<string, unknown>) =>
      deliver(number(phoneNumberId), body),
    messagesChange: (phoneNumberId: string, value: Record<string, unknown>) =>
      messagesChange(number(phoneNumberId), value),
    /** Messages the fake accepted from this number, oldest first. */
    sent: (phoneNumberId: string): FakeSentMessage[] => number(phoneNumberId).sent,
    /** Pretends the customer last wrote `hours` ago, so free text falls outside the 24-hour window. */
    backdateLastInbound(phoneNumberId: string, waId: string, hours: number): void {
      number(phoneNumberId).lastInbound.set(waId, Date.now() - hours * 3_600_000);
    },
    /** Delivers one status callback for a sent message now, e.g. a failure with its errors. */
    deliverStatus(phoneNumberId: string, wamid: string, status: string, errors?: unknown[]) {
      const target = number(phoneNumberId);
      const message = target.sent.find((m) => m.id === wamid) ?? {
        id: wamid,
        to: "",
        type: "text",
        params: {},
      };
      return deliver(target, messagesChange(target, statusValue(message as FakeSentMessage, status, errors)));
    },
    /** Resolves once every scheduled status callback has been delivered. */
    async settled(): Promise<void> {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },

    async act(account: string, action: CustomerAction): Promise<DeliveryOutcome> {
      // WhatsApp has no public side: every action is a message to the number.
      const target = number(account);
      // A wa_id is the customer's phone number with country code; short simulated ids become Latvian numbers.
      const id = action.person.id;
      const waId = id >= 1_000_000 ? String(id) : `3712${String(id).padStart(7, "0")}`;
      target.lastInbound.set(waId, Date.now());
      return deliver(
        target,
        messagesChange(target, {
          contacts: [
            {
              profile: { name: [action.person.firstName, action.person.lastName].filter(Boolean).join(" ") },
              wa_id: waId,
            },
          ],
          messages: [
            {
              from: waId,
              id: newWamid(),
              timestamp: seconds(),
              ...(action.attachment
                ? mediaMessage(action.attachment, action.text, (Date.now() + id) % 1e10)
                : { type: "text", text: { body: action.text } }),
            },
          ],
        }),
      );
    },

    /**
     * Where GET /{media-id} points: the media itself, for the number's token only, as Meta's lookaside host
     * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#download-media).
     */
    mount(app: Hono, state: SimulatorState): void {
      app.get("/_sim/whatsapp/media/:mediaId", (c) => {
        const token = (c.req.header("authorization") ?? "").replace(/^Bearer /, "");
        const owned = [...numbers.values()].some((n) => n.accessToken === token);
        const file = mediaFile(c.req.param("mediaId"));
        state.record({
          platform: "whatsapp",
          method: "GET media",
          params: { id: c.req.param("mediaId") },
          outcome: "ok",
        });
        if (!owned) return c.json({ error: { message: "Invalid OAuth access token", code: 190 } }, 401);
        if (!file) return c.text("Not Found", 404);
        return c.body(new Uint8Array(file.bytes), 200, { "content-type": file.mimeType });
      });
    },

    /**
     * The customer taps a reply button or picks a list row (by title or id) of the number's latest interactive
     * message to them: an `interactive` message with `button_reply` or `list_reply` and its `context`.
     */
    async pressButton(
      account: string,
      person: { id: number; firstName: string; lastName?: string | undefined },
      choice: string,
    ): Promise<DeliveryOutcome> {
      const target = number(account);
      const waId = person.id >= 1_000_000 ? String(person.id) : `3712${String(person.id).padStart(7, "0")}`;
      const message = [...target.sent].reverse().find((m) => m.to === waId && m.type === "interactive");
      const interactive = message?.params.interactive as
        | {
            type: string;
            action: {
              buttons?: { reply: { id: string; title: string } }[];
              sections?: { rows: { id: string; title: string; description?: string }[] }[];
            };
          }
        | undefined;
      if (!message || !interactive) throw new Error(`No interactive message to ${waId}`);
      const isList = interactive.type === "list";
      const options = isList
        ? (interactive.action.sections ?? []).flatMap((s) => s.rows)
        : (interactive.action.buttons ?? []).map((b) => b.reply);
      const picked = options.find((o) => o.title === choice || o.id === choice);
      if (!picked) throw new Error(`No choice "${choice}" in the message to ${waId}`);
      target.lastInbound.set(waId, Date.now());
      return deliver(
        target,
        messagesChange(target, {
          contacts: [
            { profile: { name: [person.firstName, person.lastName].filter(Boolean).join(" ") }, wa_id: waId },
          ],
          messages: [
            {
              context: { from: target.displayPhoneNumber, id: message.id },
              from: waId,
              id: newWamid(),
              timestamp: seconds(),
              type: "interactive",
              interactive: isList
                ? { type: "list_reply", list_reply: picked }
                : { type: "button_reply", button_reply: picked },
            },
          ],
        }),
      );
    },

    /** Messages sent from a number to one customer (wa_id), oldest first. */
    sentTo(account: string, waId: string): FakeSentMessage[] {
      return number(account).sent.filter((m) => m.to === waId);
    },

    /** Graph API paths for this app's numbers; mounted by the simulator's shared Graph router. */
    graph: {
      platform: "whatsapp",
      ownsToken: (token: string) => [...numbers.values()].some((n) => n.accessToken === token),
      handle: (call: GraphCall) => answerGraph(call),
    } satisfies GraphHandler,
  };

  async function answerGraph(call: GraphCall): Promise<GraphAnswer> {
    const owner = [...numbers.values()].find((n) => n.accessToken === call.token)!;
    if (call.httpMethod === "POST" && call.edge === "messages" && call.id === owner.phoneNumberId)
      return sendMessage(owner, call.params);
    if (call.httpMethod === "GET" && call.edge === "message_templates" && call.id === owner.businessAccountId)
      return templatePage(owner, call.params);
    if (call.httpMethod === "GET" && call.edge === "" && call.id === owner.phoneNumberId)
      return { status: 200, body: { id: owner.phoneNumberId } };
    const media = call.httpMethod === "GET" && call.edge === "" ? mediaFile(call.id) : null;
    if (media)
      return {
        status: 200,
        body: {
          messaging_product: "whatsapp",
          url: `${call.origin}/_sim/whatsapp/media/${call.id}`,
          mime_type: media.mimeType,
          sha256: randomBytes(32).toString("base64"),
          file_size: media.bytes.length,
          id: call.id,
        },
      };
    return graphErrorAnswer(
      100,
      `(#100) Unsupported ${call.httpMethod.toLowerCase()} request. Object with ID '${call.id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    );
  }

  async function sendMessage(owner: NumberState, params: Record<string, unknown>): Promise<GraphAnswer> {
    if (params.messaging_product !== "whatsapp")
      return graphErrorAnswer(100, "(#100) The parameter messaging_product is required.");
    // `to` (a phone number) wins over `recipient` (a business-scoped user id) when both are given.
    const to =
      typeof params.to === "string"
        ? params.to.replace(/^\+/, "")
        : typeof params.recipient === "string"
          ? params.recipient
          : "";
    if (!/^\d{6,15}$/.test(to) && !BSUID.test(to))
      return graphErrorAnswer(
        100,
        `(#100) Invalid parameter: ${params.to === undefined ? "recipient" : "to"}`,
      );
    if (params.type === "text") {
      const text = params.text as { body?: unknown } | undefined;
      if (typeof text?.body !== "string" || text.body.length === 0)
        return graphErrorAnswer(100, "(#100) The parameter text['body'] is required.");
      if (text.body.length > 4096) return graphErrorAnswer(100, "(#100) Param text['body'] is too long.");
      const last = owner.lastInbound.get(to);
      if (last === undefined || Date.now() - last > WINDOW_MS) return graphErrorAnswer(131047);
    } else if (params.type === "template") {
      const template = params.template as
        | {
            name?: unknown;
            language?: { code?: unknown };
            components?: { type?: string; parameters?: unknown[] }[];
          }
        | undefined;
      const found = TEMPLATES.find(
        (t) =>
          t.name === template?.name && t.language === template?.language?.code && t.status === "APPROVED",
      );
      if (!found)
        return graphErrorAnswer(132001, "(#132001) Template name does not exist in the translation");
      const given = template?.components?.find((c) => c.type === "body")?.parameters?.length ?? 0;
      if (given !== placeholders(found.body))
        return graphErrorAnswer(
          132000,
          "(#132000) Number of parameters does not match the expected number of params",
        );
    } else if (params.type === "interactive") {
      const problem = interactiveProblem(params.interactive);
      if (problem) return graphErrorAnswer(131009, `(#131009) Parameter value is not valid: ${problem}`);
      const last = owner.lastInbound.get(to);
      if (last === undefined || Date.now() - last > WINDOW_MS) return graphErrorAnswer(131047);
    } else {
      return graphErrorAnswer(
        100,
        `(#100) The fake supports text, template and interactive messages, not ${String(params.type)}`,
      );
    }
    const message: FakeSentMessage = { id: newWamid(), to, type: params.type, params };
    owner.sent.push(message);
    await scheduleStatuses(owner, message);
    return {
      status: 200,
      body: {
        messaging_product: "whatsapp",
        contacts: [{ input: String(params.to), wa_id: to }],
        messages: [{ id: message.id }],
      },
    };
  }

  /** Meta's limits on reply buttons (1-3, titles ≤ 20) and lists (1-10 rows, titles ≤ 24, button ≤ 20). */
  function interactiveProblem(value: unknown): string | null {
    const interactive = value as
      | {
          type?: string;
          body?: { text?: string };
          action?: {
            buttons?: { type?: string; reply?: { id?: string; title?: string } }[];
            button?: string;
            sections?: { rows?: { id?: string; title?: string; description?: string }[] }[];
          };
        }
      | undefined;
    const body = interactive?.body?.text;
    if (typeof body !== "string" || body.length === 0 || body.length > 1024) return "body.text";
    if (interactive?.type === "button") {
      const buttons = interactive.action?.buttons ?? [];
      if (buttons.length < 1 || buttons.length > 3) return "buttons must be 1-3";
      const ok = buttons.every(
        (b) => b.type === "reply" && b.reply?.id && b.reply.title && b.reply.title.length <= 20,
      );
      return ok ? null : "button reply id and title (at most 20 characters)";
    }
    if (interactive?.type === "list") {
      const rows = (interactive.action?.sections ?? []).flatMap((s) => s.rows ?? []);
      const button = interactive.action?.button ?? "";
      if (button.length < 1 || button.length > 20) return "action.button";
      if (rows.length < 1 || rows.length > 10) return "a list has 1-10 rows";
      const ok = rows.every(
        (r) => r.id && r.title && r.title.length <= 24 && (r.description ?? "").length <= 72,
      );
      return ok ? null : "row id and title (at most 24 characters)";
    }
    return "interactive.type";
  }

  /** One page of the Business Account's templates, with Graph cursors (PLATFORMS.md §1.7). */
  function templatePage(owner: NumberState, params: Record<string, unknown>): GraphAnswer {
    const limit = Math.min(Math.max(Number(params.limit ?? 25) || 25, 1), 100);
    const start = params.after ? Number(Buffer.from(String(params.after), "base64url").toString()) || 0 : 0;
    const data = TEMPLATES.slice(start, start + limit).map((t, i) => ({
      name: t.name,
      language: t.language,
      status: t.status,
      category: t.category,
      id: `${owner.businessAccountId}${String(start + i).padStart(4, "0")}`,
      components: [
        { type: "HEADER", format: "TEXT", text: "Nordmart" },
        { type: "BODY", text: t.body },
        { type: "FOOTER", text: "Nordmart customer service" },
      ],
    }));
    const cursor = (n: number) => Buffer.from(String(n)).toString("base64url");
    const end = start + data.length;
    const next =
      end < TEMPLATES.length
        ? `https://graph.facebook.com/v25.0/${owner.businessAccountId}/message_templates?fields=name,language,status,category,components&limit=${limit}&after=${cursor(end)}`
        : undefined;
    return {
      status: 200,
      body: {
        data,
        paging: { cursors: { before: cursor(start), after: cursor(end) }, ...(next ? { next } : {}) },
      },
    };
  }
  return fake;
}
