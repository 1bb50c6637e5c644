import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { oauth1Header, tokenSecrets } from "./xAuth.ts";
import type { XSettings } from "./xSettings.ts";

const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

describe("X OAuth", () => {
  it("signs a request with OAuth 1.0a HMAC-SHA1 over the method, the URL and its query (RFC 5849 §3.4)", () => {
    const settings = {
      consumerKey: "ck",
      consumerSecret: "cs secret",
      oauthToken: "1800000000000000001-tok",
      oauthTokenSecret: "ts/secret",
    } as XSettings;
    const url =
      "https://api.x.com/2/users/1800000000000000001/mentions?since_id=1900000000000000123&max_results=100";
    const header = oauth1Header(settings, "GET", url)!;
    const params = Object.fromEntries(
      [...header.slice("OAuth ".length).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [
        m[1]!,
        decodeURIComponent(m[2]!),
      ]),
    );
    expect(params).toMatchObject({
      oauth_consumer_key: "ck",
      oauth_token: "1800000000000000001-tok",
      oauth_signature_method: "HMAC-SHA1",
    });
    // The signature recomputed by hand from the same nonce and timestamp.
    const all: Record<string, string> = { since_id: "1900000000000000123", max_results: "100" };
    for (const [k, v] of Object.entries(params)) if (k !== "oauth_signature") all[k] = v;
    const normalized = Object.keys(all)
      .sort()
      .map((k) => `${enc(k)}=${enc(all[k]!)}`)
      .join("&");
    const base = ["GET", enc("https://api.x.com/2/users/1800000000000000001/mentions"), enc(normalized)].join(
      "&",
    );
    const expected = createHmac("sha1", `${enc("cs secret")}&${enc("ts/secret")}`)
      .update(base)
      .digest("base64");
    expect(params.oauth_signature).toBe(expected);
  });

  it("keeps a rotated refresh token and when the access token expires", () => {
    const now = Date.parse("2026-12-05T10:00:00Z");
    expect(tokenSecrets({ access_token: "a", refresh_token: "r2", expires_in: 7200 }, now)).toEqual({
      accessToken: "a",
      refreshToken: "r2",
      accessTokenExpiresAt: "2026-12-05T12:00:00.000Z",
    });
  });
});
