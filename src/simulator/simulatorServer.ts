import { Hono } from "hono";
import { z } from "zod";
import { createFacebookFake } from "../channels/facebook/fakeFacebookApi.ts";
import { createInstagramFake } from "../channels/instagram/fakeInstagramApi.ts";
import { mountGraphApi } from "../channels/meta/fakeGraphApi.ts";
import { createTelegramFake } from "../channels/telegram/fakeTelegramApi.ts";
import { createViberFake } from "../channels/viber/fakeViberApi.ts";
import { createVkFake } from "../channels/vk/fakeVkApi.ts";
import { createFeedFake } from "../channels/web/fakeFeedServer.ts";
import { createWhatsappFake } from "../channels/whatsapp/fakeWhatsappApi.ts";
import { listenHttp } from "../server/listen.ts";
import type { PlatformFake } from "./customerDriver.ts";
import { SimulatorState } from "./simulatorState.ts";
import { createXFake } from "./x/fakeXApi.ts";
import type { FakeXOptions } from "./x/fakeXState.ts";

export interface SimulatorOptions {
  port: number;
  host?: string | undefined;
  /** How long a "timeout" fault stalls; tests shorten it. */
  timeoutStallMs?: number | undefined;
  maxPollSeconds?: number | undefined;
  /** Demo and training: customers also edit and remove comments and continue their threads. Tests leave it off. */
  lively?: boolean | undefined;
  /** The fake X: keep-alive period and how often the stream drops (tests shorten both). */
  x?: FakeXOptions | undefined;
}

export interface RunningSimulator {
  url: string;
  state: SimulatorState;
  telegram: ReturnType<typeof createTelegramFake>;
  vk: ReturnType<typeof createVkFake>;
  facebook: ReturnType<typeof createFacebookFake>;
  instagram: ReturnType<typeof createInstagramFake>;
  whatsapp: ReturnType<typeof createWhatsappFake>;
  viber: ReturnType<typeof createViberFake>;
  x: ReturnType<typeof createXFake>;
  /** RSS/Atom feeds of review sites and forums, polled by Parley rather than pushing to it. */
  feeds: ReturnType<typeof createFeedFake>;
  fakes: PlatformFake[];
  stop(): Promise<void>;
}

const FaultBody = z.object({
  platform: z.enum(["telegram", "vk", "facebook", "instagram", "whatsapp", "viber", "x"]),
  method: z.string().min(1),
  kind: z.enum(["429", "500", "timeout", "error"]),
  errorCode: z.number().int().positive().optional(),
  count: z.number().int().min(1).max(1000).default(1),
  retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
  httpStatus: z.number().int().min(400).max(599).optional(),
  retryAfterHeader: z.enum(["seconds", "date"]).optional(),
  bodyHint: z.boolean().optional(),
  regainAccessMinutes: z.number().int().min(0).max(1440).optional(),
});

const CommunityBody = z.object({
  groupId: z.number().int().positive(),
  accessToken: z.string().min(1),
  secretKey: z.string().min(1),
  confirmationCode: z.string().min(1),
  callbackUrl: z.url().optional(),
  name: z.string().optional(),
});
const ViberBotBody = z.object({
  authToken: z.string().min(8),
  name: z.string().min(1).max(28),
  uri: z.string().min(1),
});
const BotBody = z.object({
  token: z.string().regex(/^\d+:[A-Za-z0-9_-]+$/),
  username: z.string().min(3),
  firstName: z.string().min(1),
});

const ActPerson = z.object({
  id: z.number().int().positive(),
  firstName: z.string().min(1),
  lastName: z.string().optional(),
  username: z.string().optional(),
  languageCode: z.enum(["ru", "en", "pl", "lv"]).default("en"),
});
const ActBody = z.object({
  platform: z.enum(["telegram", "vk", "facebook", "instagram", "whatsapp", "viber", "x"]),
  account: z.string().optional(),
  visibility: z.enum(["private", "public"]).default("private"),
  text: z.string().min(1).max(4096),
  replyToCommentId: z.string().optional(),
  /** Sends a generated photo or PDF with the text, on platforms whose fake serves files (Telegram, WhatsApp). */
  attachment: z.enum(["image", "document"]).optional(),
  person: ActPerson,
});
const FeedModeBody = z.object({ mode: z.enum(["ok", "http_500", "not_xml", "malformed_item"]) });

const SubscriptionBody = z.object({
  account: z.string().optional(),
  subscribed: z.boolean(),
  person: ActPerson,
});

/**
 * The platform simulator: the real API paths of each platform Parley calls, plus `/_sim/*` to see what was
 * received and to inject faults. Tests, the demo and agent training all run against it.
 */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const state = new SimulatorState();
  const telegram = createTelegramFake({
    timeoutStallMs: options.timeoutStallMs,
    maxPollSeconds: options.maxPollSeconds,
  });
  const vk = createVkFake({ timeoutStallMs: options.timeoutStallMs });
  const facebook = createFacebookFake(
    options.lively ? { editShare: 0.05, removeShare: 0.02, threadShare: 0.3 } : {},
  );
  const instagram = createInstagramFake();
  const whatsapp = createWhatsappFake();
  const viber = createViberFake({
    timeoutStallMs: options.timeoutStallMs,
    ...(options.lively ? { lively: { unsubscribeShare: 0.03, seenShare: 0.6 } } : {}),
  });
  const x = createXFake(options.x ?? (options.lively ? { dropEveryPosts: 25 } : {}));
  const fakes: PlatformFake[] = [telegram, vk, facebook, instagram, whatsapp, viber, x];
  const feeds = createFeedFake();
  const app = new Hono();
  feeds.mount(app);
  // Breaks one feed (or mends it) for a test or a training session: a 500, an HTML page, an empty item.
  app.post("/_sim/feeds/:name/mode", async (c) => {
    const parsed = FeedModeBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success)
      return c.json(
        { error: { code: "invalid_mode", message: parsed.error.issues[0]?.message ?? "invalid" } },
        400,
      );
    try {
      feeds.setMode(c.req.param("name"), parsed.data.mode);
    } catch {
      return c.json({ error: { code: "unknown_feed", message: `No feed ${c.req.param("name")}` } }, 404);
    }
    return c.json({ ok: true });
  });

  app.get("/_sim/calls", (c) => {
    const platform = c.req.query("platform");
    const method = c.req.query("method");
    return c.json({
      items: state.calls.filter(
        (call) => (!platform || call.platform === platform) && (!method || call.method === method),
      ),
    });
  });
  app.post("/_sim/faults", async (c) => {
    const parsed = FaultBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success)
      return c.json(
        { error: { code: "invalid_fault", message: parsed.error.issues[0]?.message ?? "invalid" } },
        400,
      );
    const { count, ...fault } = parsed.data;
    state.injectFault({ ...fault, remaining: count });
    return c.json({ ok: true });
  });
  // A trainer or a test plays a customer: POST { platform, account?, person, text, visibility }.
  app.post("/_sim/act", async (c) => {
    const parsed = ActBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success)
      return c.json(
        { error: { code: "invalid_action", message: parsed.error.issues[0]?.message ?? "invalid" } },
        400,
      );
    const { platform, account, ...action } = parsed.data;
    const fake = fakes.find((f) => f.platform === platform)!;
    const target = account ?? fake.accounts()[0];
    if (!target)
      return c.json(
        { error: { code: "no_account", message: `No ${platform} account is registered in the simulator` } },
        409,
      );
    const outcome = await fake.act(target, { ...action, scripted: true });
    return c.json({ status: outcome.status, payload: outcome.payload });
  });
  // Registers a VK community and its callback server, as an admin would in the community's settings.
  app.post("/_sim/vk/communities", async (c) => {
    const parsed = CommunityBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success)
      return c.json(
        { error: { code: "invalid_community", message: parsed.error.issues[0]?.message ?? "invalid" } },
        400,
      );
    vk.addCommunity(parsed.data);
    return c.json({ confirmed: parsed.data.callbackUrl ? await vk.confirm(parsed.data.groupId) : false });
  });
  app.post("/_sim/telegram/bots", async (c) => {
    const parsed = BotBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success)
      return c.json(
        { error: { code: "invalid_bot", message: parsed.error.issues[0]?.message ?? "invalid" } },
        400,
      );
    telegram.addBot(parsed.data);
    return c.json({ ok: true });
  });
  // Registers a Viber bot: its token answers the API, and Parley's set_webhook tells the fake where to call.
  app.post("/_sim/viber/bots", async (c) => {
    const parsed = ViberBotBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success)
      return c.json(
        { error: { code: "invalid_bot", message: parsed.error.issues[0]?.message ?? "invalid" } },
        400,
      );
    viber.addBot(parsed.data);
    return c.json({ ok: true });
  });
  // A Viber customer subscribes or unsubscribes: POST { account?, person, subscribed }.
  app.post("/_sim/viber/subscription", async (c) => {
    const parsed = SubscriptionBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success)
      return c.json(
        { error: { code: "invalid_subscription", message: parsed.error.issues[0]?.message ?? "invalid" } },
        400,
      );
    const account = parsed.data.account ?? viber.accounts()[0];
    if (!account)
      return c.json(
        { error: { code: "no_account", message: "No Viber bot has a webhook in the simulator" } },
        409,
      );
    const outcome = parsed.data.subscribed
      ? await viber.subscribe(account, parsed.data.person)
      : await viber.unsubscribe(account, parsed.data.person);
    return c.json({ status: outcome.status, payload: outcome.payload });
  });
  app.post("/_sim/reset", (c) => {
    state.reset();
    return c.json({ ok: true });
  });
  for (const fake of fakes) fake.mount?.(app, state);
  const graphHandlers = fakes.flatMap((fake) => (fake.graph ? [fake.graph] : []));
  mountGraphApi(app, state, graphHandlers, { timeoutStallMs: options.timeoutStallMs });

  const server = await listenHttp(app.fetch, options.port, options.host);
  return {
    url: server.url,
    state,
    telegram,
    vk,
    facebook,
    instagram,
    whatsapp,
    viber,
    x,
    feeds,
    fakes,
    stop: () => server.close(),
  };
}
