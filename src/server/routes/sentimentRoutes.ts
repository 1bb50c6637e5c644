import type { Hono } from "hono";
import { z } from "zod";
import { sentimentDisagreement } from "../../analytics/sentimentDisagreement.ts";
import { correctSentiment } from "../../commands/sentimentCorrector.ts";
import type { Db } from "../../store/database.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { getVisibleConversation } from "../conversationQueries.ts";
import { HttpError, refusalToHttp } from "../httpError.ts";
import { getMessage } from "../messagePresenter.ts";

const MessageParams = z.object({ id: z.uuid(), messageId: z.uuid() });
const CorrectionBody = z.object({ sentiment: z.enum(["negative", "neutral", "positive"]) });
const PeriodQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

const DEFAULT_PERIOD_MS = 30 * 24 * 3_600_000;
const MAX_PERIOD_MS = 366 * 24 * 3_600_000;

export function sentimentRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "post",
      path: "/api/conversations/:id/messages/:messageId/sentiment",
      summary: "Correct a customer message's mood; teaches the workspace's sentiment learner",
      tag: "conversations",
      params: MessageParams,
      body: CorrectionBody,
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      await getVisibleConversation(db, viewer, params.id);
      try {
        const outcome = await correctSentiment(db, viewer, {
          conversationId: params.id,
          messageId: params.messageId,
          label: body.sentiment,
        });
        return c.json({ ...outcome, message: await getMessage(db, params.messageId) });
      } catch (err) {
        throw refusalToHttp(err);
      }
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/sentiment/disagreement",
      summary:
        "How often agents corrected the sentiment model, over messages judged in a period (default 30 days)",
      tag: "reports",
      query: PeriodQuery,
      response: { status: 200 },
    },
    async ({ query, viewer }, c) => {
      const to = query.to ? new Date(query.to) : new Date();
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_PERIOD_MS);
      if (from >= to || to.getTime() - from.getTime() > MAX_PERIOD_MS)
        throw new HttpError(
          400,
          "invalid_period",
          "The period must start before it ends and span at most a year",
        );
      return c.json(await sentimentDisagreement(db, viewer.workspaceId, { from, to }));
    },
  );
}
