import { and, desc, eq } from "drizzle-orm";
import type { Hono } from "hono";
import { z } from "zod";
import { surveyResults } from "../../analytics/surveyResults.ts";
import {
  listFollowUps,
  presentFollowUp,
  snoozeConversation,
  unsnoozeConversation,
} from "../../commands/conversationSnoozer.ts";
import {
  presentSurveySettings,
  SurveySettingsInput,
  updateSurveySettings,
} from "../../commands/surveySettingsEditor.ts";
import type { Db } from "../../store/database.ts";
import { auditLog, followUps, surveys } from "../../store/schema.ts";
import { loadSurveySettings } from "../../surveys/surveySettingsStore.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { getVisibleConversation } from "../conversationQueries.ts";
import { HttpError } from "../httpError.ts";
import { actorOf, requireTriageEditor } from "./triageAccess.ts";

const IdParams = z.object({ id: z.uuid() });
const MAX_PERIOD_DAYS = 366;

const ResultsQuery = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    by: z.enum(["agent", "team", "channel"]).default("agent"),
    kind: z.enum(["csat", "nps"]).optional(),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: "from must be before to", path: ["from"] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_PERIOD_DAYS * 86_400_000, {
    message: `the period is at most ${MAX_PERIOD_DAYS} days`,
    path: ["to"],
  });

/** Survey and follow-up settings, results, a conversation's surveys, snoozing, low-score follow-ups. */
export function surveyRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/surveys/settings",
      summary:
        "Satisfaction surveys, check-ins and auto-resolution of pending cases: the workspace's settings",
      tag: "surveys",
      response: { status: 200 },
    },
    async ({ viewer }, c) => c.json(presentSurveySettings(await loadSurveySettings(db, viewer.workspaceId))),
  );
  apiRoute(
    app,
    {
      method: "put",
      path: "/api/surveys/settings",
      summary: "Change survey and follow-up settings (supervisors and admins)",
      tag: "surveys",
      body: SurveySettingsInput,
      response: { status: 200 },
    },
    async ({ body, viewer }, c) => {
      requireTriageEditor(viewer, "change survey settings");
      return c.json(presentSurveySettings(await updateSurveySettings(db, actorOf(viewer), body)));
    },
  );
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/surveys/results",
      summary: "CSAT and NPS per agent, team or channel for surveys asked in [from, to)",
      tag: "surveys",
      query: ResultsQuery,
      response: { status: 200 },
    },
    async ({ query, viewer }, c) => {
      requireTriageEditor(viewer, "see survey results");
      const items = await surveyResults(db, {
        workspaceId: viewer.workspaceId,
        from: new Date(query.from),
        to: new Date(query.to),
        by: query.by,
        kind: query.kind,
      });
      return c.json({ by: query.by, items });
    },
  );
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/conversations/:id/surveys",
      summary: "The surveys of a case, newest first, with score, comment or why one was skipped",
      tag: "surveys",
      params: IdParams,
      response: { status: 200 },
    },
    async ({ params, viewer }, c) => {
      await getVisibleConversation(db, viewer, params.id);
      const rows = await db
        .select()
        .from(surveys)
        .where(eq(surveys.conversationId, params.id))
        .orderBy(desc(surveys.createdAt))
        .limit(20);
      return c.json({
        items: rows.map((s) => ({
          id: s.id,
          kind: s.kind,
          status: s.status,
          skipReason: s.skipReason,
          language: s.language,
          dueAt: s.dueAt.toISOString(),
          sentAt: s.sentAt?.toISOString() ?? null,
          score: s.score,
          answeredWith: s.answeredWith,
          comment: s.comment,
          lowScoreAction: s.lowScoreAction,
        })),
      });
    },
  );
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/conversations/:id/follow-ups",
      summary: "The conversation's snoozes, check-ins and low-score follow-ups, newest first",
      tag: "surveys",
      params: IdParams,
      response: { status: 200 },
    },
    async ({ params, viewer }, c) => {
      await getVisibleConversation(db, viewer, params.id);
      return c.json({ items: await listFollowUps(db, params.id) });
    },
  );
  apiRoute(
    app,
    {
      method: "post",
      path: "/api/conversations/:id/snooze",
      summary: "Snooze until a time: the conversation waits as pending and comes back to its assignee then",
      tag: "surveys",
      params: IdParams,
      body: z.object({ until: z.iso.datetime({ offset: true }), note: z.string().max(500).optional() }),
      response: { status: 201 },
    },
    async ({ params, body, viewer }, c) => {
      await getVisibleConversation(db, viewer, params.id);
      return c.json(await snoozeConversation(db, viewer, params.id, new Date(body.until), body.note), 201);
    },
  );
  apiRoute(
    app,
    {
      method: "delete",
      path: "/api/conversations/:id/snooze",
      summary: "Cancel the conversation's snooze",
      tag: "surveys",
      params: IdParams,
      response: { status: 200 },
    },
    async ({ params, viewer }, c) => {
      await getVisibleConversation(db, viewer, params.id);
      await unsnoozeConversation(db, viewer, params.id);
      return c.json({ ok: true });
    },
  );
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/follow-ups",
      summary: "Open low-score follow-ups for team leads, oldest first (supervisors and admins)",
      tag: "surveys",
      response: { status: 200 },
    },
    async ({ viewer }, c) => {
      requireTriageEditor(viewer, "see low-score follow-ups");
      const rows = await db
        .select()
        .from(followUps)
        .where(
          and(
            eq(followUps.workspaceId, viewer.workspaceId),
            eq(followUps.kind, "low_score"),
            eq(followUps.status, "pending"),
          ),
        )
        .orderBy(followUps.createdAt)
        .limit(200);
      return c.json({ items: rows.map(presentFollowUp) });
    },
  );
  apiRoute(
    app,
    {
      method: "post",
      path: "/api/follow-ups/:id/done",
      summary: "Close a low-score follow-up, with what was done",
      tag: "surveys",
      params: IdParams,
      body: z.object({ note: z.string().max(2000).optional() }),
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      requireTriageEditor(viewer, "close follow-ups");
      const [row] = await db
        .update(followUps)
        .set({ status: "done", doneAt: new Date(), reason: body.note ?? null })
        .where(
          and(
            eq(followUps.id, params.id),
            eq(followUps.workspaceId, viewer.workspaceId),
            eq(followUps.kind, "low_score"),
            eq(followUps.status, "pending"),
          ),
        )
        .returning();
      if (!row) throw new HttpError(404, "not_found", "No open follow-up with this id");
      await db.insert(auditLog).values({
        workspaceId: viewer.workspaceId,
        actorUserId: viewer.userId,
        action: "follow_up.done",
        targetType: "conversation",
        targetId: row.conversationId,
        details: { followUpId: row.id, note: body.note ?? null },
      });
      return c.json(presentFollowUp(row));
    },
  );
}
