import { z } from "zod";

const digits = z.string().regex(/^\d{1,20}$/, "a numeric X user id (64-bit, kept as text)");

/**
 * One X account (the brand's) and how Parley reaches it. User context is OAuth 2.0 with PKCE (connected from
 * Settings → Channels; the tokens refresh themselves) or OAuth 1.0a user tokens; the app-only bearer token opens
 * the filtered stream and manages its rules. `appId` names the X app: the stream allows one connection per app.
 */
export const xSettingsSchema = z
  .object({
    accountId: digits,
    username: z.string().regex(/^@?\w{1,15}$/, "the account's handle, e.g. @nordmart"),
    /** "stream": the filtered stream (mentions and listening captures); "polling": the mentions timeline. */
    mentions: z.enum(["stream", "polling"]).default("polling"),
    /** "webhook": Account Activity API (CRC and signed POSTs); "polling": GET /2/dm_events; "off". */
    directMessages: z.enum(["polling", "webhook", "off"]).default("polling"),
    appId: z.string().min(1).max(100).optional(),
    /** Minutes of posts the stream replays after a reconnect (1-5; Pro and Enterprise plans only). 0: none. */
    backfillMinutes: z.number().int().min(0).max(5).default(0),
    /** Rule length limit of the plan: 512 (Basic), 1,024 (Pro / pay-per-use), 2,048 (Enterprise). */
    ruleMaxLength: z.number().int().min(64).max(2048).default(512),
    pollIntervalSeconds: z.number().int().min(1).max(3600).default(60),
    // OAuth 2.0 user context (PKCE); clientSecret only for a confidential client.
    clientId: z.string().min(1).optional(),
    clientSecret: z.string().min(1).optional(),
    accessToken: z.string().min(1).optional(),
    refreshToken: z.string().min(1).optional(),
    /** ISO instant the access token stops working (issued with expires_in, usually 2 hours). */
    accessTokenExpiresAt: z.string().optional(),
    // OAuth 1.0a: the app's consumer key and secret (the secret also signs Account Activity webhooks).
    consumerKey: z.string().min(1).optional(),
    consumerSecret: z.string().min(1).optional(),
    oauthToken: z.string().min(1).optional(),
    oauthTokenSecret: z.string().min(1).optional(),
    /** App-only token for the filtered stream and its rules. */
    bearerToken: z.string().min(1).optional(),
  })
  .refine((s) => s.mentions !== "stream" || s.bearerToken, {
    message: "The filtered stream needs the app's bearer token",
    path: ["bearerToken"],
  })
  .refine((s) => s.directMessages !== "webhook" || s.consumerSecret, {
    message: "Account Activity webhooks are signed with the consumer secret: give it",
    path: ["consumerSecret"],
  })
  .refine((s) => s.clientId || (s.consumerKey && s.consumerSecret && s.oauthToken && s.oauthTokenSecret), {
    message: "Give an OAuth 2.0 client id (then connect), or all four OAuth 1.0a keys",
    path: ["clientId"],
  });

export type XSettings = z.infer<typeof xSettingsSchema>;

export const X_SECRET_FIELDS = [
  "clientSecret",
  "accessToken",
  "refreshToken",
  "accessTokenExpiresAt",
  "consumerSecret",
  "oauthTokenSecret",
  "bearerToken",
] as const;

/** The key the stream's one-connection-per-app lease is held under. */
export function streamAppKey(settings: XSettings): string {
  return `x:${settings.appId ?? settings.consumerKey ?? settings.clientId ?? settings.accountId}`;
}
