import { z } from "zod";

/**
 * What every Meta channel is configured with: the app that signs its webhooks, the verify token of the
 * subscription handshake, and the token its Graph calls carry. Each product adds the id of its account.
 */
export const metaAppSettings = z.object({
  appId: z.string().regex(/^\d+$/, "the numeric Meta app id"),
  appSecret: z.string().min(8),
  verifyToken: z.string().min(8),
  accessToken: z.string().min(10),
  apiVersion: z
    .string()
    .regex(/^v\d+\.\d+$/)
    .default("v25.0"),
});

export const META_SECRET_FIELDS = ["appSecret", "verifyToken", "accessToken"] as const;
