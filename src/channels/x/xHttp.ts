import type { DeliveryError } from "../../domain/deliveryError.ts";
import { permanentError } from "../../domain/deliveryError.ts";
import type { ChannelContext } from "../channelAdapter.ts";
import { callPlatform, joinUrl } from "../platformHttp.ts";
import { userAuthHeader } from "./xAuth.ts";
import { xError } from "./xError.ts";
import type { XSettings } from "./xSettings.ts";

export interface XCall {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** "user": the account's own token (OAuth 2.0 or 1.0a); "app": the app-only bearer token (stream rules). */
  auth: "user" | "app";
  signal?: AbortSignal | undefined;
}

export type XAnswer<T> =
  | { ok: true; body: T; headers: Headers; status: number }
  | { ok: false; error: DeliveryError };

export function xUrl(
  channel: ChannelContext<XSettings>,
  path: string,
  query?: Record<string, string | undefined>,
) {
  const url = new URL(joinUrl(channel.apiBaseUrl, path));
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}

export async function authorization(
  channel: ChannelContext<XSettings>,
  auth: "user" | "app",
  method: string,
  url: string,
): Promise<{ ok: true; value: string } | { ok: false; error: DeliveryError }> {
  if (auth === "user") return userAuthHeader(channel, method, url);
  return channel.settings.bearerToken
    ? { ok: true, value: `Bearer ${channel.settings.bearerToken}` }
    : { ok: false, error: permanentError("no_bearer_token", "The X app's bearer token is not set", true) };
}

/**
 * One call to the X API v2. Every answer that is no 2xx becomes a DeliveryError through xError, which reads
 * both error shapes and the `x-rate-limit-*` headers (PLATFORMS.md §9.3).
 */
export async function callX<T>(channel: ChannelContext<XSettings>, call: XCall): Promise<XAnswer<T>> {
  const url = xUrl(channel, call.path, call.query);
  const auth = await authorization(channel, call.auth, call.method, url);
  if (!auth.ok) return auth;
  const headers: Record<string, string> = { authorization: auth.value };
  if (call.body !== undefined) headers["content-type"] = "application/json";
  const result = await callPlatform(url, {
    method: call.method,
    headers,
    ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
    ...(call.signal ? { signal: call.signal } : {}),
  });
  if (!result.ok) return result;
  const { status, headers: answerHeaders, body } = result.response;
  if (status >= 200 && status < 300) return { ok: true, body: body as T, headers: answerHeaders, status };
  return { ok: false, error: xError(status, answerHeaders, body) };
}
