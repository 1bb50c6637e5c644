import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Hono } from "hono";
import { z } from "zod";
import { decideModerationCase } from "../../commands/moderationCaseDecider.ts";
import type { Db } from "../../store/database.ts";
import {
  auditLog,
  botAnswers,
  contacts,
  conversations,
  knowledgeArticles,
  messages,
  moderationCases,
  notifications,
} from "../../store/schema.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { forbidden, notFound, refusalToHttp } from "../httpError.ts";

const NumericId = z.object({ id: z.coerce.number().int().positive() });

/** Notifications, the FAQ bot's review queue and the moderation queue: what triage hands to people. */
export function triageInboxRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/notifications",
      summary: "The viewer's notifications, newest first, with the unread count",
      tag: "triage",
      response: { status: 200 },
    },
    async ({ viewer }, c) => {
      const items = await db
        .select({ notification: notifications, customerName: contacts.displayName })
        .from(notifications)
        // The customer is named when read, so a name the platform's profile lookup filled in later shows too.
        .leftJoin(conversations, eq(conversations.id, notifications.conversationId))
        .leftJoin(contacts, eq(contacts.id, conversations.contactId))
        .where(eq(notifications.userId, viewer.userId))
        .orderBy(desc(notifications.createdAt))
        .limit(50);
      const [unread] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(notifications)
        .where(and(eq(notifications.userId, viewer.userId), isNull(notifications.readAt)));
      return c.json({
        unread: Number(unread?.count ?? 0),
        items: items.map(({ notification: n, customerName }) => ({
          id: Number(n.id),
          kind: n.kind,
          conversationId: n.conversationId,
          customerName: customerName ?? null,
          text: n.text,
          data: n.data,
          read: n.readAt !== null,
          createdAt: n.createdAt.toISOString(),
        })),
      });
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/notifications/read",
      summary: "Mark notifications read (all of them when no ids are given)",
      tag: "triage",
      body: z.object({ ids: z.array(z.number().int().positive()).max(200).optional() }),
      response: { status: 200 },
    },
    async ({ body, viewer }, c) => {
      await db
        .update(notifications)
        .set({ readAt: new Date() })
        .where(
          and(
            eq(notifications.userId, viewer.userId),
            isNull(notifications.readAt),
            body.ids ? inArray(notifications.id, body.ids) : undefined,
          ),
        );
      return c.json({ ok: true });
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/bot-answers",
      summary: "The FAQ bot's answers picked for review, unreviewed first, with rates",
      tag: "triage",
      query: z.object({ reviewed: z.enum(["true", "false"]).optional() }),
      response: { status: 200 },
    },
    async ({ query, viewer }, c) => {
      const rows = await db
        .select({
          answer: botAnswers,
          answerText: messages.text,
          articleTitle: knowledgeArticles.title,
        })
        .from(botAnswers)
        .leftJoin(messages, eq(messages.id, botAnswers.messageId))
        .leftJoin(knowledgeArticles, eq(knowledgeArticles.id, botAnswers.articleId))
        .where(
          and(
            eq(botAnswers.workspaceId, viewer.workspaceId),
            eq(botAnswers.sampled, true),
            query.reviewed === "true"
              ? sql`${botAnswers.verdict} IS NOT NULL`
              : query.reviewed === "false"
                ? isNull(botAnswers.verdict)
                : undefined,
          ),
        )
        .orderBy(sql`${botAnswers.verdict} IS NOT NULL`, desc(botAnswers.createdAt))
        .limit(100);
      const [totals] = await db
        .select({
          answered: sql<number>`count(*)::int`,
          reviewed: sql<number>`count(${botAnswers.verdict})::int`,
          right: sql<number>`count(*) FILTER (WHERE ${botAnswers.verdict} = 'right')::int`,
        })
        .from(botAnswers)
        .where(eq(botAnswers.workspaceId, viewer.workspaceId));
      return c.json({
        totals: {
          answered: Number(totals?.answered ?? 0),
          reviewed: Number(totals?.reviewed ?? 0),
          right: Number(totals?.right ?? 0),
        },
        items: rows.map(({ answer, answerText, articleTitle }) => ({
          id: answer.id,
          conversationId: answer.conversationId,
          question: answer.question,
          answer: answerText,
          article: answer.articleId ? { id: answer.articleId, title: articleTitle } : null,
          confidence: answer.confidence,
          verdict: answer.verdict,
          createdAt: answer.createdAt.toISOString(),
        })),
      });
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/bot-answers/:id/verdict",
      summary: "Mark a bot answer right or wrong",
      tag: "triage",
      params: z.object({ id: z.uuid() }),
      body: z.object({ verdict: z.enum(["right", "wrong"]) }),
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      const updated = await db
        .update(botAnswers)
        .set({ verdict: body.verdict, reviewedBy: viewer.userId, reviewedAt: new Date() })
        .where(and(eq(botAnswers.id, params.id), eq(botAnswers.workspaceId, viewer.workspaceId)))
        .returning({ id: botAnswers.id });
      if (updated.length === 0) throw notFound("Bot answer");
      await db.insert(auditLog).values({
        workspaceId: viewer.workspaceId,
        actorUserId: viewer.userId,
        action: "bot_answer.reviewed",
        targetType: "bot_answer",
        targetId: params.id,
        details: { verdict: body.verdict },
      });
      return c.json({ ok: true });
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/moderation/cases",
      summary: "Comments community rules hid or queued for review",
      tag: "triage",
      query: z.object({ status: z.enum(["pending", "hidden", "kept", "restored"]).optional() }),
      response: { status: 200 },
    },
    async ({ query, viewer }, c) => {
      const rows = await db
        .select({ item: moderationCases, text: messages.text, hiddenAt: messages.hiddenAt })
        .from(moderationCases)
        .innerJoin(messages, eq(messages.id, moderationCases.messageId))
        .where(
          and(
            eq(moderationCases.workspaceId, viewer.workspaceId),
            query.status ? eq(moderationCases.status, query.status) : undefined,
          ),
        )
        .orderBy(desc(moderationCases.createdAt))
        .limit(100);
      return c.json({
        items: rows.map(({ item, text, hiddenAt }) => ({
          id: Number(item.id),
          conversationId: item.conversationId,
          messageId: item.messageId,
          text,
          hiddenOnPlatform: hiddenAt !== null,
          action: item.action,
          status: item.status,
          violations: item.violations,
          summary: item.summary,
          createdAt: item.createdAt.toISOString(),
          decidedAt: item.decidedAt?.toISOString() ?? null,
        })),
      });
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/moderation/cases/:id/decision",
      summary: "Hide a comment waiting for review, keep it, or restore one a rule hid",
      tag: "triage",
      params: NumericId,
      body: z.object({ decision: z.enum(["hide", "keep", "restore"]) }),
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      if (viewer.role === "agent" && body.decision === "restore")
        throw forbidden("Only supervisors and admins restore a comment a community rule hid");
      try {
        await decideModerationCase(db, viewer, params.id, body.decision);
      } catch (err) {
        throw refusalToHttp(err);
      }
      return c.json({ ok: true });
    },
  );
}
