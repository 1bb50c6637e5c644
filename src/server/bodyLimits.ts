import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { errorBody } from "./httpError.ts";

/** Platforms rarely send more (a Meta batch of 1,000 events is about 1 MB). */
export const WEBHOOK_BODY_LIMIT = 5 * 1024 * 1024;
/**
 * The API's largest legitimate bodies are a page post (60,000 characters) or an article (20,000), a few hundred
 * kilobytes even written as \uXXXX escapes. Sign-in is covered too: its body is read before any password check.
 */
export const API_BODY_LIMIT = 1024 * 1024;

const tooLarge = (limit: number) => (c: Context) =>
  c.json(errorBody("payload_too_large", `The request body is larger than ${limit} bytes`), 413);

/**
 * One limit for every route: webhooks 5 MB, everything else 1 MB. Hono's bodyLimit refuses a declared length
 * over the limit before reading anything, and counts a chunked body as it streams, answering 413 as soon as the
 * count passes the limit: at most `limit` bytes are ever held, never the whole body.
 */
export function requestBodyLimits(): MiddlewareHandler {
  const webhooks = bodyLimit({ maxSize: WEBHOOK_BODY_LIMIT, onError: tooLarge(WEBHOOK_BODY_LIMIT) });
  const api = bodyLimit({ maxSize: API_BODY_LIMIT, onError: tooLarge(API_BODY_LIMIT) });
  return (c, next) => (c.req.path.startsWith("/webhooks/") ? webhooks(c, next) : api(c, next));
}
