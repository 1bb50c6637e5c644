import type { Hono } from "hono";
import { z } from "zod";
import {
  addNote,
  assignConversation,
  categorizeConversation,
  changeConversationStatus,
  labelConversation,
  prioritizeConversation,
} from "../../commands/conversationUpdater.ts";
import { othersPresent, updatePresence } from "../../commands/presenceTracker.ts";
import { recordSiteAnswer } from "../../commands/siteAnswerRecorder.ts";
import { CONVERSATION_STATUSES } from "../../domain/conversation.ts";
import { canModerate, type Viewer } from "../../domain/roles.ts";
import { LISTENING_LANGUAGES } from "../../listening/listeningTypes.ts";
import { requestModeration } from "../../outbox/moderationRequester.ts";
import { sendReply } from "../../outbox/replySender.ts";
import type { Db } from "../../store/database.ts";
import { PRIORITIES } from "../../triage/routing/priority.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { getVisibleConversation, listConversations, presentConversation } from "../conversationQueries.ts";
import { checkFilterReferences } from "../filterReferences.ts";
import { forbidden, HttpError, notFound, refusalToHttp } from "../httpError.ts";
import {
  getConversationMessage,
  getMessage,
  listMessagePage,
  listMessages,
  presentMessage,
} from "../messagePresenter.ts";

const IdParams = z.object({ id: z.uuid() });
const ListQuery = z.object({
  status: z.enum(CONVERSATION_STATUSES).optional(),
  channelId: z.uuid().optional(),
  assignee: z.union([z.literal("me"), z.literal("none"), z.uuid()]).optional(),
  teamId: z.uuid().optional(),
  categoryId: z.uuid().optional(),
  priority: z.enum(PRIORITIES).optional(),
  /** Repeatable: conversations carrying every label given (`?label=refund&label=vip`). */
  label: z
    .array(z.string().trim().min(1).max(100))
    .max(10)
    .transform((labels) => [...new Set(labels)])
    .optional(),
  /** The language triage detected in the customer's words. */
  language: z.enum(LISTENING_LANGUAGES).optional(),
  queued: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  sort: z.enum(["activity", "due"]).optional(),
  q: z.string().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
const ReplyBody = z.object({
  text: z.string().min(1).max(20_000),
  visibility: z.enum(["public", "private"]),
  inReplyToMessageId: z.uuid().optional(),
  /** An approved template (WhatsApp outside the 24-hour window); `text` is its rendered preview. */
  template: z
    .object({
      name: z.string().min(1).max(512),
      language: z.string().min(2).max(15),
      parameters: z.array(z.string().max(1024)).max(20).default([]),
    })
    .optional(),
});
const ModerationBody = z.object({ operation: z.enum(["hide", "unhide", "like", "unlike", "delete"]) });
const MessageParams = z.object({ id: z.uuid(), messageId: z.uuid() });

const SiteAnswerBody = z.object({ text: z.string().max(20_000).optional() });
/** Without `limit`, every message at once (as before pages existed); with it, the newest page or one before `before`. */
const MessagesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  before: z.uuid().optional(),
});

export function conversationRoutes(app: Hono<AppEnv>, db: Db): void {
  /**
   * The triage edits (assignee, status, category, priority, labels) share one shape: 404 unless the viewer may
   * see the conversation, run the command, then answer with the conversation as it now stands, so the inbox
   * replaces its copy with what the server holds instead of guessing what else the command changed.
   */
  const changeRoute = <B extends z.ZodType>(
    spec: { method: "post" | "put"; path: string; summary: string; body: B },
    change: (viewer: Viewer, id: string, body: z.infer<B>) => Promise<unknown>,
  ): void =>
    apiRoute(
      app,
      { ...spec, tag: "conversations", params: IdParams, response: { status: 200 } },
      async ({ params, body, viewer }, c) => {
        await getVisibleConversation(db, viewer, params.id);
        await change(viewer, params.id, body);
        return c.json({
          conversation: presentConversation(await getVisibleConversation(db, viewer, params.id)),
        });
      },
    );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/conversations",
      summary: "List conversations, newest activity first",
      tag: "conversations",
      query: ListQuery,
      repeatableQuery: ["label"],
      response: { status: 200 },
    },
    async ({ query, viewer }, c) => {
      await checkFilterReferences(db, viewer.workspaceId, query);
      const { label, ...filter } = query;
      return c.json(await listConversations(db, viewer, { ...filter, labels: label }));
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/conversations/:id",
      summary: "One conversation",
      tag: "conversations",
      params: IdParams,
      response: { status: 200 },
    },
    async ({ params, viewer }, c) =>
      c.json(presentConversation(await getVisibleConversation(db, viewer, params.id))),
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/conversations/:id/messages",
      summary:
        "Messages, comments and notes of a conversation, oldest first; with limit, the newest page and a cursor for older ones",
      tag: "conversations",
      params: IdParams,
      query: MessagesQuery,
      response: { status: 200 },
    },
    async ({ params, query, viewer }, c) => {
      await getVisibleConversation(db, viewer, params.id);
      if (query.limit === undefined) {
        if (query.before) throw new HttpError(400, "invalid_request", "before needs limit");
        return c.json({ items: await listMessages(db, params.id) });
      }
      return c.json(await listMessagePage(db, params.id, { limit: query.limit, before: query.before }));
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/conversations/:id/messages/:messageId",
      summary: "One message of a conversation",
      tag: "conversations",
      params: MessageParams,
      response: { status: 200 },
    },
    async ({ params, viewer }, c) => {
      await getVisibleConversation(db, viewer, params.id);
      const message = await getConversationMessage(db, params.id, params.messageId);
      if (!message) throw notFound("Message");
      return c.json({ message });
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/conversations/:id/messages",
      summary: "Reply; queued in the outbox and delivered by a worker",
      tag: "conversations",
      params: IdParams,
      body: ReplyBody,
      response: { status: 202, description: "Accepted for delivery" },
    },
    async ({ params, body, viewer }, c) => {
      await getVisibleConversation(db, viewer, params.id);
      try {
        const message = await sendReply(db, {
          conversationId: params.id,
          authorUserId: viewer.userId,
          text: body.text,
          visibility: body.visibility,
          inReplyToMessageId: body.inReplyToMessageId,
          template: body.template,
          ip: c.get("ip"),
        });
        return c.json({ message: (await getMessage(db, message.id)) ?? presentMessage(message, null) }, 202);
      } catch (err) {
        throw refusalToHttp(err);
      }
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/conversations/:id/site-answers",
      summary:
        "Record that a web mention was answered on the site itself (optional text); nothing is sent, the first response counts",
      tag: "conversations",
      params: IdParams,
      body: SiteAnswerBody,
      response: { status: 201, description: "Recorded" },
    },
    async ({ params, body, viewer }, c) => {
      await getVisibleConversation(db, viewer, params.id);
      try {
        const message = await recordSiteAnswer(db, {
          conversationId: params.id,
          userId: viewer.userId,
          text: body.text,
          ip: c.get("ip"),
        });
        return c.json({ message: (await getMessage(db, message.id)) ?? presentMessage(message, null) }, 201);
      } catch (err) {
        throw refusalToHttp(err);
      }
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/conversations/:id/messages/:messageId/moderation",
      summary: "Hide, unhide, like, unlike or delete a public comment (delete: supervisors and admins)",
      tag: "conversations",
      params: MessageParams,
      body: ModerationBody,
      response: { status: 202, description: "Queued; the comment changes when the platform confirms" },
    },
    async ({ params, body, viewer }, c) => {
      await getVisibleConversation(db, viewer, params.id);
      if (!canModerate(viewer, body.operation))
        throw forbidden("Only supervisors and admins delete customers' comments; hide it instead");
      try {
        await requestModeration(db, viewer, {
          conversationId: params.id,
          messageId: params.messageId,
          operation: body.operation,
          ip: c.get("ip"),
        });
        return c.json({ message: await getMessage(db, params.messageId) }, 202);
      } catch (err) {
        throw refusalToHttp(err);
      }
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/conversations/:id/notes",
      summary: "Add an internal note (never sent to the customer)",
      tag: "conversations",
      params: IdParams,
      body: z.object({ text: z.string().trim().min(1).max(20_000) }),
      response: { status: 201 },
    },
    async ({ params, body, viewer }, c) => {
      const row = await getVisibleConversation(db, viewer, params.id);
      const note = await addNote(db, viewer, row.conversation, body.text);
      return c.json({ message: await getMessage(db, note.id) }, 201);
    },
  );

  changeRoute(
    {
      method: "post",
      path: "/api/conversations/:id/assign",
      summary: "Assign to a user, or unassign with null",
      body: z.object({ assigneeId: z.uuid().nullable() }),
    },
    (viewer, id, body) => assignConversation(db, viewer, id, body.assigneeId),
  );

  changeRoute(
    {
      method: "post",
      path: "/api/conversations/:id/status",
      summary: "Change status: new, open, pending, resolved",
      body: z.object({ status: z.enum(CONVERSATION_STATUSES) }),
    },
    (viewer, id, body) => changeConversationStatus(db, viewer, id, body.status),
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/contacts/:id/conversations",
      summary: "A customer's conversations on every channel",
      tag: "contacts",
      params: IdParams,
      response: { status: 200 },
    },
    async ({ params, viewer }, c) =>
      c.json({ items: (await listConversations(db, viewer, { contactId: params.id, limit: 50 })).items }),
  );

  changeRoute(
    {
      method: "post",
      path: "/api/conversations/:id/category",
      summary: "Set the category (teaches the classifier), or clear it with null",
      body: z.object({ categoryId: z.uuid().nullable() }),
    },
    (viewer, id, body) => categorizeConversation(db, viewer, id, body.categoryId),
  );

  changeRoute(
    {
      method: "post",
      path: "/api/conversations/:id/priority",
      summary: "Set the priority; triage never lowers or overrides a priority set by a person",
      body: z.object({ priority: z.enum(PRIORITIES) }),
    },
    (viewer, id, body) => prioritizeConversation(db, viewer, id, body.priority),
  );

  changeRoute(
    {
      method: "put",
      path: "/api/conversations/:id/labels",
      summary: "Replace the conversation's labels",
      body: z.object({ labels: z.array(z.string().trim().min(1).max(100)).max(30) }),
    },
    (viewer, id, body) => labelConversation(db, viewer, id, body.labels),
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/conversations/:id/presence",
      summary:
        "Heartbeat: the viewer has the conversation open, is typing, or left; returns who else is there",
      tag: "conversations",
      params: IdParams,
      body: z.object({ state: z.enum(["viewing", "typing", "left"]) }),
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      await getVisibleConversation(db, viewer, params.id);
      return c.json({ others: await updatePresence(db, viewer, params.id, body.state) });
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/conversations/:id/presence",
      summary: "Who else has the conversation open or is typing in it",
      tag: "conversations",
      params: IdParams,
      response: { status: 200 },
    },
    async ({ params, viewer }, c) => {
      await getVisibleConversation(db, viewer, params.id);
      return c.json({ others: await othersPresent(db, viewer, params.id) });
    },
  );
}
