import type { z } from "zod";
import type { ChannelAdapter, ChannelContext, ProbeResult } from "../channelAdapter.ts";
import { callX } from "./xHttp.ts";
import { parseXPayload } from "./xParser.ts";
import { pollX, xWantsPolling } from "./xPolling.ts";
import { syncStreamRules } from "./xRules.ts";
import { MAX_POST, moderateX, sendX } from "./xSend.ts";
import { streamAppKey, X_SECRET_FIELDS, type XSettings, xSettingsSchema } from "./xSettings.ts";
import { readStreamOnce, reconnectDelayMs } from "./xStream.ts";
import { receiveXWebhook } from "./xWebhook.ts";

/** GET /2/users/me: the cheapest call that proves the user token works and the cap is not spent. */
async function probe(channel: ChannelContext<XSettings>): Promise<ProbeResult> {
  const answer = await callX(channel, { method: "GET", path: "2/users/me", auth: "user" });
  return answer.ok ? { ok: true } : answer;
}

export const xAdapter: ChannelAdapter<XSettings> = {
  platform: "x",
  displayName: "X",
  capabilities: {
    publicReplies: true,
    privateReplies: true,
    idempotentSend: false,
    polling: true,
    maxTextLength: MAX_POST,
    moderation: ["hide", "unhide", "like", "unlike", "delete"],
  },
  defaultApiBaseUrl: "https://api.x.com",
  settingsSchema: xSettingsSchema as unknown as z.ZodType<XSettings>,
  secretFields: X_SECRET_FIELDS,
  brokenEvents: "refuse",
  accountIdOf: (settings) => settings.accountId,
  receiveWebhook: receiveXWebhook,
  parse: (payload, channel) => parseXPayload(payload, channel.settings),
  send: sendX,
  moderate: moderateX,
  poll: pollX,
  pollingWanted: xWantsPolling,
  probe,
  stream: {
    wanted: (settings) => settings.mentions === "stream",
    appKey: streamAppKey,
    backfillMinutes: (settings) => settings.backfillMinutes,
    readOnce: (channel, handlers, options) =>
      readStreamOnce(
        channel,
        {
          onPosts: (posts) =>
            handlers.store(posts.map((p) => ({ dedupKey: `tweet:${p.data.id}`, payload: p }))),
          onConnected: handlers.connected,
          onNotice: handlers.notice,
        },
        options,
      ),
    reconnectDelayMs,
    syncRules: async (channel, terms) => {
      await syncStreamRules(channel, terms);
    },
  },
};
