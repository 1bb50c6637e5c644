import { createHmac } from "node:crypto";
import OAuth from "oauth-1.0a";
import { type DeliveryError, permanentError } from "../../domain/deliveryError.ts";
import type { ChannelContext } from "../channelAdapter.ts";
import { callPlatform, joinUrl } from "../platformHttp.ts";
import { xError } from "./xError.ts";
import type { XSettings } from "./xSettings.ts";

/** Refreshed this long before it expires, so a request never goes out with a token about to die. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export type AuthHeader = { ok: true; value: string } | { ok: false; error: DeliveryError };

/**
 * OAuth 1.0a HMAC-SHA1 signature (RFC 5849) through the `oauth-1.0a` library rather than hand-written base
 * strings: percent-encoding and parameter ordering are where hand-rolled signers go wrong. JSON bodies are not
 * signed (only form bodies are), so only the URL and its query take part.
 */
export function oauth1Header(settings: XSettings, method: string, url: string): string | null {
  const { consumerKey, consumerSecret, oauthToken, oauthTokenSecret } = settings;
  if (!consumerKey || !consumerSecret || !oauthToken || !oauthTokenSecret) return null;
  const oauth = new OAuth({
    consumer: { key: consumerKey, secret: consumerSecret },
    signature_method: "HMAC-SHA1",
    hash_function: (base, key) => createHmac("sha1", key).update(base).digest("base64"),
  });
  const data = oauth.authorize({ url, method }, { key: oauthToken, secret: oauthTokenSecret });
  return oauth.toHeader(data).Authorization;
}

function tokenFresh(settings: XSettings, now: number): boolean {
  if (!settings.accessToken) return false;
  const expires = settings.accessTokenExpiresAt ? Date.parse(settings.accessTokenExpiresAt) : Number.NaN;
  return Number.isNaN(expires) || expires - now > REFRESH_MARGIN_MS;
}

export interface TokenAnswer {
  access_token: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
}

/** The secrets to store for a token answer of POST /2/oauth2/token. */
export function tokenSecrets(answer: TokenAnswer, now = Date.now()): Record<string, string> {
  return {
    accessToken: answer.access_token,
    ...(answer.refresh_token ? { refreshToken: answer.refresh_token } : {}),
    accessTokenExpiresAt: new Date(now + (answer.expires_in ?? 7200) * 1000).toISOString(),
  };
}

/**
 * POST /2/oauth2/token, form-encoded. A confidential client authenticates with Basic (client id and secret);
 * a public client names itself with `client_id` in the body.
 */
export async function requestToken(
  apiBaseUrl: string,
  settings: Pick<XSettings, "clientId" | "clientSecret">,
  form: Record<string, string>,
): Promise<{ ok: true; answer: TokenAnswer } | { ok: false; error: DeliveryError }> {
  if (!settings.clientId)
    return { ok: false, error: permanentError("not_connected", "No OAuth 2.0 client id", true) };
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (settings.clientSecret)
    headers.authorization = `Basic ${Buffer.from(`${settings.clientId}:${settings.clientSecret}`).toString("base64")}`;
  const body = new URLSearchParams({ ...form, client_id: settings.clientId }).toString();
  const result = await callPlatform(joinUrl(apiBaseUrl, "2/oauth2/token"), { method: "POST", headers, body });
  if (!result.ok) return result;
  const { status, headers: answerHeaders, body: answer } = result.response;
  const token = answer as TokenAnswer | null;
  if (status === 200 && typeof token?.access_token === "string") return { ok: true, answer: token };
  // A refused refresh token is dead for good (it works once): the account must be connected again.
  const error = xError(status, answerHeaders, answer);
  return {
    ok: false,
    error:
      status === 400 || status === 401
        ? { ...error, needsReauth: true, retryable: false, code: "token_invalid" }
        : error,
  };
}

/**
 * The Authorization header for a user-context call: OAuth 1.0a when its four keys are given, else the OAuth
 * 2.0 access token, refreshed first when it is about to expire. The refresh runs under the channel row's lock
 * and reads the stored token again there, because X's refresh token works once: a second process refreshing
 * with the same one would lose the account.
 */
export async function userAuthHeader(
  channel: ChannelContext<XSettings>,
  method: string,
  url: string,
  now = Date.now(),
): Promise<AuthHeader> {
  const signed = oauth1Header(channel.settings, method, url);
  if (signed) return { ok: true, value: signed };
  if (tokenFresh(channel.settings, now)) return { ok: true, value: `Bearer ${channel.settings.accessToken}` };
  if (!channel.settings.refreshToken)
    return {
      ok: false,
      error: permanentError(
        "not_connected",
        "The X account is not connected (Settings → Channels → Connect)",
        true,
      ),
    };
  const outcome: { failure: DeliveryError | null } = { failure: null };
  const refresh = async (current: XSettings) => {
    if (tokenFresh(current, now)) return null;
    const result = await requestToken(channel.apiBaseUrl, current, {
      grant_type: "refresh_token",
      refresh_token: current.refreshToken ?? "",
    });
    if (!result.ok) {
      outcome.failure = result.error;
      return null;
    }
    return tokenSecrets(result.answer, now);
  };
  const settings = channel.updateSecrets
    ? await channel.updateSecrets(refresh)
    : { ...channel.settings, ...((await refresh(channel.settings)) ?? {}) };
  if (outcome.failure) return { ok: false, error: outcome.failure };
  channel.settings = settings;
  return settings.accessToken
    ? { ok: true, value: `Bearer ${settings.accessToken}` }
    : { ok: false, error: permanentError("not_connected", "No access token after the refresh", true) };
}
