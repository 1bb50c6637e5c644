import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { concernsChannel } from "../../domain/channelHealth.ts";
import { type Listening, listenHttp } from "../../server/listen.ts";
import { SimulatorState } from "../../simulator/simulatorState.ts";
import type { ChannelContext, OutboundReply } from "../channelAdapter.ts";
import { createVkFake } from "./fakeVkApi.ts";
import { type VkSettings, vkAdapter, vkError } from "./vkAdapter.ts";

/** VK's error envelope, answered with HTTP 200 (official schema's base_error). */
const envelope = (error_code: number, error_msg: string) => ({
  error_code,
  error_msg,
  request_params: [
    { key: "method", value: "messages.send" },
    { key: "v", value: "5.199" },
  ],
});

describe("vkError", () => {
  it("throttles the whole community on 6 (per second) and 9 (flood control), with VK's documented windows", () => {
    expect(vkError(envelope(6, "Too many requests per second"))).toMatchObject({
      code: "rate_limited",
      retryable: true,
      retryAfterSeconds: 1,
      status: "VK error 6",
    });
    const flood = vkError(envelope(9, "Flood control"));
    expect(flood).toMatchObject({ code: "rate_limited", retryAfterSeconds: 60, status: "VK error 9" });
    expect(concernsChannel(flood)).toBe(true);
  });
  it("holds only the method whose quota 29 says is spent, not the community", () => {
    const quota = vkError(envelope(29, "Rate limit reached"));
    expect(quota).toMatchObject({ code: "rate_limited", retryable: true, scope: "method" });
    expect(concernsChannel(quota)).toBe(false);
  });
  it("retries VK's own failures (10 internal server error, 1 unknown)", () => {
    expect(vkError(envelope(10, "Internal server error"))).toMatchObject({
      code: "platform_unavailable",
      retryable: true,
      status: "VK error 10",
    });
    expect(vkError(envelope(1, "Unknown error occurred")).retryable).toBe(true);
  });
  it("asks for re-authorisation on 5 and keeps VK's words for the agent only", () => {
    const error = vkError(envelope(5, "User authorization failed: invalid access_token (4)."));
    expect(error).toMatchObject({ code: "token_invalid", needsReauth: true, status: "VK error 5" });
    expect(error.message).toBe("VK error 5: User authorization failed: invalid access_token (4).");
    expect(error.status).not.toContain("authorization");
  });
});

describe("VK answers through the fake", () => {
  const state = new SimulatorState();
  const fake = createVkFake();
  const community = {
    groupId: 229_000_111,
    accessToken: "vk1.a.token",
    secretKey: "vk-secret",
    confirmationCode: "c0nf1rm",
  };
  let server: Listening;
  const channel = (): ChannelContext<VkSettings> => ({
    id: "c1",
    workspaceId: "w1",
    platform: "vk",
    apiBaseUrl: server.url,
    settings: { ...community, apiVersion: "5.199" },
  });
  const reply: OutboundReply = {
    kind: "reply",
    text: "Здравствуйте!",
    visibility: "private",
    replyTarget: { peerId: 1501 },
    idempotencyKey: "k1",
  };
  beforeAll(async () => {
    fake.addCommunity(community);
    const { Hono } = await import("hono");
    const app = new Hono();
    fake.mount(app, state);
    server = await listenHttp(app.fetch, 0);
  });
  afterAll(() => server.close());

  it("reads flood control from a 200 body", async () => {
    state.injectFault({ platform: "vk", method: "messages.send", kind: "error", errorCode: 9 });
    expect(await vkAdapter.send(reply, channel())).toMatchObject({
      ok: false,
      error: { code: "rate_limited", retryAfterSeconds: 60, status: "VK error 9" },
    });
  });
  it("takes the wait of a bare 503 from its Retry-After header", async () => {
    state.injectFault({
      platform: "vk",
      method: "messages.send",
      kind: "500",
      httpStatus: 503,
      retryAfterHeader: "seconds",
      retryAfterSeconds: 20,
    });
    expect(await vkAdapter.send(reply, channel())).toMatchObject({
      ok: false,
      error: { code: "platform_unavailable", retryAfterSeconds: 20, status: "VK HTTP 503" },
    });
  });
  it("throws a throttled profile lookup as a refusal, so the names wait with the community", async () => {
    state.injectFault({ platform: "vk", method: "users.get", kind: "429" });
    await expect(vkAdapter.lookupProfiles!(channel(), ["1501"])).rejects.toMatchObject({
      name: "PlatformRefusal",
      refusal: { code: "rate_limited", status: "VK error 6" },
    });
  });
  it("probes with groups.getById, and reports a revoked token", async () => {
    expect(await vkAdapter.probe!(channel())).toEqual({ ok: true });
    state.injectFault({ platform: "vk", method: "groups.getById", kind: "error", errorCode: 5 });
    expect(await vkAdapter.probe!(channel())).toMatchObject({
      ok: false,
      error: { code: "token_invalid", needsReauth: true },
    });
  });
});
