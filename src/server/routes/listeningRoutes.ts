import { eq } from "drizzle-orm";
import type { Hono } from "hono";
import { z } from "zod";
import {
  createTopic,
  deleteTopic,
  TopicInput,
  updateTopic,
  validateQuery,
} from "../../commands/topicEditor.ts";
import type { Viewer } from "../../domain/roles.ts";
import { DEFAULT_TRIAGE } from "../../listening/listeningProcessor.ts";
import { listAlerts, listMentions, mentionStats } from "../../listening/listeningQueries.ts";
import { previewQuery } from "../../listening/queryPreview.ts";
import { outboundUrlProblem } from "../../net/outboundPolicy.ts";
import type { Db } from "../../store/database.ts";
import { auditLog, listeningSettings, listeningTopics } from "../../store/schema.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { forbidden } from "../httpError.ts";

const IdParams = z.object({ id: z.uuid() });
const MentionQuery = z.object({
  topicId: z.uuid().optional(),
  sentiment: z.enum(["negative", "neutral", "positive"]).optional(),
  language: z.string().max(8).optional(),
  source: z.string().max(40).optional(),
  decision: z.enum(["ticket", "record", "ignore"]).optional(),
  minReach: z.coerce.number().int().min(0).optional(),
  alertId: z.coerce.number().int().positive().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const SettingsBody = z.object({
  minReach: z.number().int().min(0).max(100_000_000),
  ticketOnNegative: z.boolean(),
  ticketOnQuestion: z.boolean(),
  spikeWindowMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  spikeMinCount: z.number().int().min(1).max(100_000),
  spikeFactor: z.number().int().min(2).max(100),
  alertWebhookUrl: z
    .url()
    .refine((u) => /^https?:\/\//.test(u), "Use an http(s) URL")
    .superRefine((url, ctx) => {
      const problem = outboundUrlProblem(url);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .nullable(),
});

/** Topics and settings shape what the whole team sees: supervisors and admins change them. */
function requireEditor(viewer: Viewer): void {
  if (viewer.role === "agent") throw forbidden("Only supervisors and admins edit listening topics");
}

export function listeningRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/listening/topics",
      summary: "Listening topics",
      tag: "listening",
      response: { status: 200 },
    },
    async ({ viewer }, c) =>
      c.json({
        items: await db
          .select()
          .from(listeningTopics)
          .where(eq(listeningTopics.workspaceId, viewer.workspaceId))
          .orderBy(listeningTopics.kind, listeningTopics.name),
      }),
  );
  apiRoute(
    app,
    {
      method: "post",
      path: "/api/listening/topics",
      summary: "Add a topic: brand, product or competitor, with its query",
      tag: "listening",
      body: TopicInput,
      response: { status: 201 },
    },
    async ({ body, viewer }, c) => {
      requireEditor(viewer);
      return c.json(await createTopic(db, viewer, body), 201);
    },
  );
  apiRoute(
    app,
    {
      method: "put",
      path: "/api/listening/topics/:id",
      summary: "Change a topic's query, filters and variants",
      tag: "listening",
      params: IdParams,
      body: TopicInput,
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      requireEditor(viewer);
      return c.json(await updateTopic(db, viewer, params.id, body));
    },
  );
  apiRoute(
    app,
    {
      method: "delete",
      path: "/api/listening/topics/:id",
      summary: "Delete a topic and its mentions",
      tag: "listening",
      params: IdParams,
      response: { status: 204 },
    },
    async ({ params, viewer }, c) => {
      requireEditor(viewer);
      await deleteTopic(db, viewer, params.id);
      return c.body(null, 204);
    },
  );
  apiRoute(
    app,
    {
      method: "post",
      path: "/api/listening/preview",
      summary: "Validate a query, show its variants and what it finds in recent content, before saving",
      tag: "listening",
      body: TopicInput.partial({ name: true, kind: true }),
      response: { status: 200 },
    },
    async ({ body, viewer }, c) => {
      validateQuery(body.query);
      return c.json(await previewQuery(db, viewer.workspaceId, body));
    },
  );
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/listening/mentions",
      summary:
        "Mentions feed, newest first (filters: topic, sentiment, language, source, reach, decision, alert)",
      tag: "listening",
      query: MentionQuery,
      response: { status: 200 },
    },
    async ({ query, viewer }, c) => c.json(await listMentions(db, viewer.workspaceId, query)),
  );
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/listening/stats",
      summary: "Mention volume and sentiment over time per topic",
      tag: "listening",
      query: z.object({
        days: z.coerce.number().int().min(1).max(90).default(7),
        bucket: z.enum(["hour", "day"]).default("hour"),
      }),
      response: { status: 200 },
    },
    async ({ query, viewer }, c) =>
      c.json(
        await mentionStats(
          db,
          viewer.workspaceId,
          new Date(Date.now() - query.days * 86_400_000),
          query.bucket,
        ),
      ),
  );
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/listening/alerts",
      summary: "Spike alerts, newest first",
      tag: "listening",
      response: { status: 200 },
    },
    async ({ viewer }, c) => c.json({ items: await listAlerts(db, viewer.workspaceId) }),
  );
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/listening/settings",
      summary: "Mention triage and spike settings",
      tag: "listening",
      response: { status: 200 },
    },
    async ({ viewer }, c) => {
      const [row] = await db
        .select()
        .from(listeningSettings)
        .where(eq(listeningSettings.workspaceId, viewer.workspaceId));
      return c.json(
        row ?? {
          ...DEFAULT_TRIAGE,
          spikeWindowMinutes: 10,
          spikeMinCount: 5,
          spikeFactor: 3,
          alertWebhookUrl: null,
        },
      );
    },
  );
  apiRoute(
    app,
    {
      method: "put",
      path: "/api/listening/settings",
      summary: "Change mention triage and spike settings (supervisors and admins)",
      tag: "listening",
      body: SettingsBody,
      response: { status: 200 },
    },
    async ({ body, viewer }, c) => {
      requireEditor(viewer);
      const row = await db.transaction(async (tx) => {
        const [saved] = await tx
          .insert(listeningSettings)
          .values({ workspaceId: viewer.workspaceId, ...body })
          .onConflictDoUpdate({
            target: listeningSettings.workspaceId,
            set: { ...body, updatedAt: new Date() },
          })
          .returning();
        await tx.insert(auditLog).values({
          workspaceId: viewer.workspaceId,
          actorUserId: viewer.userId,
          action: "listening.settings_changed",
          targetType: "workspace",
          targetId: viewer.workspaceId,
          details: { ...body, alertWebhookUrl: body.alertWebhookUrl ? "(set)" : null },
        });
        return saved!;
      });
      return c.json(row);
    },
  );
}
