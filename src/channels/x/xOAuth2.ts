import { createHash, randomBytes } from "node:crypto";
import { joinUrl } from "../platformHttp.ts";
import { requestToken, type TokenAnswer } from "./xAuth.ts";
import type { XSettings } from "./xSettings.ts";

/** What Parley asks the account for: read and write posts and DMs, likes, hidden replies, and a refresh token. */
export const X_SCOPES =
  "tweet.read tweet.write tweet.moderate.write users.read dm.read dm.write like.read like.write offline.access";

export interface PkceStart {
  verifier: string;
  state: string;
  url: string;
}

/** X's consent page lives on x.com; a stand-in API (the simulator) serves it beside its API. */
function authorizePage(apiBaseUrl: string): string {
  return apiBaseUrl.replace(/\/+$/, "") === "https://api.x.com"
    ? "https://x.com/i/oauth2/authorize"
    : joinUrl(apiBaseUrl, "i/oauth2/authorize");
}

/**
 * The authorize URL of OAuth 2.0 with PKCE (RFC 7636, S256): a fresh verifier and state per attempt, kept
 * sealed on the channel until the callback proves it came back from this attempt.
 */
export function startAuthorization(
  apiBaseUrl: string,
  clientId: string,
  redirectUri: string,
  channelId: string,
): PkceStart {
  const verifier = randomBytes(48).toString("base64url");
  const state = `${channelId}.${randomBytes(16).toString("base64url")}`;
  const url = new URL(authorizePage(apiBaseUrl));
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: X_SCOPES,
    state,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  }).toString();
  return { verifier, state, url: url.toString() };
}

/** The code for tokens: POST /2/oauth2/token with the verifier of the attempt. */
export function exchangeCode(
  apiBaseUrl: string,
  settings: Pick<XSettings, "clientId" | "clientSecret">,
  code: string,
  verifier: string,
  redirectUri: string,
): ReturnType<typeof requestToken> {
  return requestToken(apiBaseUrl, settings, {
    grant_type: "authorization_code",
    code,
    code_verifier: verifier,
    redirect_uri: redirectUri,
  });
}

export type { TokenAnswer };
