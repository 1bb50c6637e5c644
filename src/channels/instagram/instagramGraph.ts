import type { ChannelContext } from "../channelAdapter.ts";
import { type GraphResult, graphRequest } from "../meta/graphClient.ts";

export type { GraphResult };

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

/** One Graph call on the account's Graph host with its token; errors come back mapped rather than thrown. */
export function instagramGraph(
  channel: ChannelContext<InstagramGraphSettings>,
  method: "GET" | "POST" | "DELETE",
  path: string,
  body?: unknown,
  timeoutMs?: number,
): Promise<GraphResult> {
  return graphRequest(graphBaseOf(channel), channel.settings, "Instagram", method, path, body, timeoutMs);
}
