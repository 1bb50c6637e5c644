import type { DeliveryError } from "../../domain/deliveryError.ts";
import type { ChannelContext } from "../channelAdapter.ts";
import { graphError } from "../meta/graphError.ts";
import { callPlatform, joinUrl } from "../platformHttp.ts";

export const FACEBOOK_GRAPH = "https://graph.facebook.com";
export const INSTAGRAM_GRAPH = "https://graph.instagram.com";

/** The settings every Instagram Graph call needs. */
export interface InstagramGraphSettings {
  accessToken: string;
  apiVersion: string;
  loginModel: "facebook" | "instagram";
}

/**
 * Where the account's Graph API lives. Facebook Login (a Page token) calls graph.facebook.com; Instagram Login
 * (an Instagram user token) calls graph.instagram.com with the same paths (PLATFORMS.md §4.1). The adapter has
 * one default base, graph.facebook.com, so an Instagram Login channel left on that default is switched here;
 * an explicit base (the simulator, a proxy) is used as given.
 */
export function graphBaseOf(channel: ChannelContext<InstagramGraphSettings>): string {
  const base = channel.apiBaseUrl.replace(/\/+$/, "");
  return channel.settings.loginModel === "instagram" && base === FACEBOOK_GRAPH ? INSTAGRAM_GRAPH : base;
}

export type GraphResult =
  | { ok: true; answer: Record<string, unknown> }
  | { ok: false; error: DeliveryError; status?: number | undefined };

/** One Graph call with the channel's token; errors come back mapped (graphError) rather than thrown. */
export async function graphRequest(
  channel: ChannelContext<InstagramGraphSettings>,
  method: "GET" | "POST" | "DELETE",
  path: string,
  body?: unknown,
  timeoutMs?: number,
): Promise<GraphResult> {
  const url = joinUrl(graphBaseOf(channel), `${channel.settings.apiVersion}/${path}`);
  const result = await callPlatform(
    url,
    {
      method,
      headers: {
        authorization: `Bearer ${channel.settings.accessToken}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    },
    timeoutMs,
  );
  if (!result.ok) return result;
  const { status, body: answer } = result.response;
  if (status >= 200 && status < 300 && answer && !(answer as { error?: unknown }).error)
    return { ok: true, answer: answer as Record<string, unknown> };
  return { ok: false, error: graphError(status, answer, "Instagram"), status };
}
