import type { Hono } from "hono";
import { z } from "zod";
import { updateConversationsInBulk } from "../../commands/conversationBulkUpdater.ts";
import { createSavedView, deleteSavedView, listSavedViews } from "../../commands/savedViewEditor.ts";
import { CONVERSATION_STATUSES } from "../../domain/conversation.ts";
import { LISTENING_LANGUAGES } from "../../listening/listeningTypes.ts";
import type { Db } from "../../store/database.ts";
import { PRIORITIES } from "../../triage/routing/priority.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { checkFilterReferences } from "../filterReferences.ts";
import { listLabelsInUse } from "../labelQueries.ts";

/** The inbox filters a view may hold: the list's own query parameters, nothing else. */
const ViewFilters = z
  .object({
    status: z.enum(CONVERSATION_STATUSES),
    channelId: z.uuid(),
    assignee: z.union([z.literal("me"), z.literal("none"), z.uuid()]),
    teamId: z.uuid(),
    categoryId: z.uuid(),
    priority: z.enum(PRIORITIES),
    label: z.array(z.string().trim().min(1).max(100)).min(1).max(10),
    language: z.enum(LISTENING_LANGUAGES),
    queued: z.enum(["true", "false"]),
    sort: z.enum(["activity", "due"]),
    q: z.string().max(200),
  })
  .partial()
  .strict();

const Label = z.string().trim().min(1).max(60);
const BulkBody = z.object({
  ids: z.array(z.uuid()).min(1).max(100),
  action: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("assign"), assigneeId: z.uuid().nullable() }),
    z.object({
      kind: z.literal("label"),
      add: z.array(Label).max(20).default([]),
      remove: z.array(Label).max(20).default([]),
    }),
    z.object({ kind: z.literal("resolve") }),
  ]),
});

export function inboxViewRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/views",
      summary: "Saved inbox views: the viewer's own and those shared with their teams",
      tag: "views",
      response: { status: 200 },
    },
    async ({ viewer }, c) => c.json({ items: await listSavedViews(db, viewer) }),
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/views",
      summary: "Save the inbox filters as a view, personal or shared with a team",
      tag: "views",
      body: z.object({
        name: z.string().trim().min(1).max(80),
        filters: ViewFilters,
        teamId: z.uuid().nullable().default(null),
      }),
      response: { status: 201 },
    },
    async ({ body, viewer }, c) => {
      // A view naming a team or category the workspace lacks would open on a 400: refused when saved instead.
      await checkFilterReferences(db, viewer.workspaceId, body.filters, "filters");
      return c.json({ view: await createSavedView(db, viewer, body) }, 201);
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/labels",
      summary: "Labels on the conversations the viewer may see, most used first (the inbox's label filter)",
      tag: "views",
      response: { status: 200 },
    },
    async ({ viewer }, c) => c.json({ items: await listLabelsInUse(db, viewer) }),
  );

  apiRoute(
    app,
    {
      method: "delete",
      path: "/api/views/:id",
      summary: "Delete a view (its owner; supervisors and admins for shared ones)",
      tag: "views",
      params: z.object({ id: z.uuid() }),
      response: { status: 204 },
    },
    async ({ params, viewer }, c) => {
      await deleteSavedView(db, viewer, params.id);
      return c.body(null, 204);
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/conversations/bulk",
      summary: "Assign, label or resolve a selection of conversations; one result per conversation",
      tag: "conversations",
      body: BulkBody,
      response: { status: 200 },
    },
    async ({ body, viewer }, c) => {
      const results = await updateConversationsInBulk(db, viewer, body.ids, body.action);
      return c.json({
        results,
        succeeded: results.filter((r) => r.ok).length,
        failed: results.filter((r) => !r.ok).length,
      });
    },
  );
}
