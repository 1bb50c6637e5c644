import { eq } from "drizzle-orm";
import type { Context, Hono } from "hono";
import { z } from "zod";
import {
  NoSuchAttachmentError,
  type RelayedAttachment,
  relayAttachment,
} from "../../attachments/attachmentRelay.ts";
import { rangeRequestOf, sliceStream } from "../../attachments/byteRange.ts";
import { AttachmentUnavailableError } from "../../attachments/fileDownload.ts";
import { MAX_ATTACHMENTS_PER_MESSAGE } from "../../domain/attachmentAccess.ts";
import type { Logger } from "../../logger.ts";
import type { Db } from "../../store/database.ts";
import { messages } from "../../store/schema.ts";
import type { SecretBox } from "../../store/secretBox.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { getVisibleConversation } from "../conversationQueries.ts";
import { HttpError, notFound } from "../httpError.ts";

const Params = z.object({
  id: z.uuid(),
  index: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_ATTACHMENTS_PER_MESSAGE - 1),
});

const FAILURES = {
  gone: [404, "attachment_gone", "The platform no longer has this file"],
  too_large: [502, "attachment_too_large", "The file is larger than Parley relays"],
  refused: [502, "attachment_refused", "Parley does not fetch files from this address"],
  unavailable: [502, "attachment_unavailable", "The platform did not hand the file over; try again later"],
} as const;

/**
 * GET /api/messages/:id/attachments/:index: a customer's file, fetched by the server with the channel's
 * credentials and relayed (src/attachments/), so no platform token or file address reaches the browser. A
 * message in a conversation the viewer may not see is answered exactly like a missing one.
 */
export function attachmentRoutes(
  app: Hono<AppEnv>,
  db: Db,
  box: SecretBox,
  options: { maxBytes: number; log: Logger },
): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/messages/:id/attachments/:index",
      summary: "A message's attachment (images and media inline, other files as downloads)",
      tag: "conversations",
      params: Params,
      response: { status: 200, description: "The file" },
    },
    async ({ params, viewer }, c) => {
      const [message] = await db
        .select({
          id: messages.id,
          conversationId: messages.conversationId,
          channelId: messages.channelId,
          attachments: messages.attachments,
        })
        .from(messages)
        .where(eq(messages.id, params.id))
        .limit(1);
      if (!message) throw notFound("Attachment");
      try {
        await getVisibleConversation(db, viewer, message.conversationId);
      } catch {
        throw notFound("Attachment");
      }
      try {
        const file = await relayAttachment(db, box, message, params.index, {
          maxBytes: options.maxBytes,
          signal: c.req.raw.signal,
        });
        return servePart(c, file);
      } catch (err) {
        if (err instanceof NoSuchAttachmentError) throw notFound("Attachment");
        if (!(err instanceof AttachmentUnavailableError)) throw err;
        options.log.warn(
          { messageId: message.id, index: params.index, reason: err.reason, detail: err.message },
          "attachment not relayed",
        );
        const [status, code, text] = FAILURES[err.reason];
        throw new HttpError(status, code, text);
      }
    },
  );
}

/**
 * The whole file, or the one range a media element asks for when it seeks: the platform is read from the start
 * either way (its URLs rarely take ranges), and only the asked bytes go to the browser.
 */
function servePart(c: Context<AppEnv>, file: RelayedAttachment): Response {
  const request = rangeRequestOf(c.req.header("range"), file.size);
  const headers: Record<string, string> = { ...file.headers };
  if (file.size !== undefined) headers["Accept-Ranges"] = "bytes";
  if (request.kind === "unsatisfiable") {
    void file.body.cancel().catch(() => {});
    return c.body(null, 416, { ...headers, "Content-Range": `bytes */${file.size}` });
  }
  if (request.kind === "whole") {
    if (file.size !== undefined) headers["Content-Length"] = String(file.size);
    return c.body(file.body, 200, headers);
  }
  const { start, end } = request.range;
  headers["Content-Range"] = `bytes ${start}-${end}/${file.size}`;
  headers["Content-Length"] = String(end - start + 1);
  return c.body(sliceStream(file.body, request.range), 206, headers);
}
