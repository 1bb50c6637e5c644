import { z } from "zod";
import { httpUrlOrNull } from "./webMention.ts";

export const MIN_POLL_SECONDS = 60;
export const MAX_POLL_SECONDS = 86_400;
export const DEFAULT_POLL_SECONDS = 900;

/**
 * A web channel is either one RSS/Atom feed that Parley polls, or one mention webhook that a partner pushes to.
 * The secret signs the webhook's bodies; left out when the channel is added, Parley makes one and shows it once.
 */
export const webSettingsSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("feed"),
    url: z
      .string()
      .max(2000)
      .refine((value) => httpUrlOrNull(value) !== null, "the feed's address, an http(s) URL"),
    pollIntervalSeconds: z.coerce
      .number()
      .int()
      .min(MIN_POLL_SECONDS)
      .max(MAX_POLL_SECONDS)
      .default(DEFAULT_POLL_SECONDS),
  }),
  z.object({
    kind: z.literal("webhook"),
    secret: z.string().min(24, "at least 24 characters").max(200),
  }),
]);

export type WebSettings = z.infer<typeof webSettingsSchema>;
export type FeedSettings = Extract<WebSettings, { kind: "feed" }>;
