import { and, desc, eq, inArray } from "drizzle-orm";
import type { Hono } from "hono";
import { z } from "zod";
import { createChannel, webhookUrlFor } from "../../commands/channelCreator.ts";
import { canManageChannels } from "../../domain/roles.ts";
import type { Db } from "../../store/database.ts";
import { channels, rawEvents, rejectedWebhooks } from "../../store/schema.ts";
import type { SecretBox } from "../../store/secretBox.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { forbidden } from "../httpError.ts";

const CreateChannelBody = z.object({
  platform: z.string().min(1).max(40),
  name: z.string().trim().min(1).max(200),
  settings: z.record(z.string(), z.unknown()),
  apiBaseUrl: z.url().optional(),
  teamId: z.uuid().nullable().optional(),
});

export function channelRoutes(app: Hono<AppEnv>, db: Db, box: SecretBox, publicUrl: string): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/channels",
      summary: "Channels of the workspace (credentials are never returned)",
      tag: "channels",
      response: { status: 200 },
    },
    async ({ viewer }, c) => {
      const rows = await db
        .select()
        .from(channels)
        .where(eq(channels.workspaceId, viewer.workspaceId))
        .orderBy(channels.createdAt);
      const admin = canManageChannels(viewer);
      return c.json({
        items: rows.map((row) => ({
          id: row.id,
          platform: row.platform,
          name: row.name,
          status: row.status,
          statusReason: row.statusReason,
          teamId: row.teamId,
          // Agents learn that a channel exists; only admins see its configuration.
          ...(admin
            ? {
                settings: row.settings,
                secretsSet: Object.keys(box.open(row.secretsEncrypted)),
                webhookUrl: webhookUrlFor(publicUrl, row.platform, row.id),
                apiBaseUrl: row.apiBaseUrl,
              }
            : { settings: {}, secretsSet: [], webhookUrl: "", apiBaseUrl: null }),
        })),
      });
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/channels",
      summary: "Add a channel; returns the webhook URL to give the platform",
      tag: "channels",
      body: CreateChannelBody,
      response: { status: 201 },
    },
    async ({ body, viewer }, c) => {
      if (!canManageChannels(viewer)) throw forbidden("Only admins manage channels");
      const created = await createChannel(db, box, publicUrl, {
        workspaceId: viewer.workspaceId,
        actorUserId: viewer.userId,
        platform: body.platform,
        name: body.name,
        settings: body.settings,
        apiBaseUrl: body.apiBaseUrl,
        teamId: body.teamId,
      });
      return c.json(created, 201);
    },
  );
}

/** What an admin needs to see when traffic goes missing: refused bodies and events Parley could not read. */
export function inboundProblemRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/inbound-problems",
      summary: "Webhook bodies refused as malformed and stored events that could not be parsed (admins only)",
      tag: "channels",
      response: { status: 200 },
    },
    async ({ viewer }, c) => {
      if (!canManageChannels(viewer)) throw forbidden("Only admins inspect inbound problems");
      const rejected = await db
        .select()
        .from(rejectedWebhooks)
        .where(eq(rejectedWebhooks.workspaceId, viewer.workspaceId))
        .orderBy(desc(rejectedWebhooks.id))
        .limit(100);
      const unparsed = await db
        .select({
          id: rawEvents.id,
          channelId: rawEvents.channelId,
          platform: rawEvents.platform,
          status: rawEvents.status,
          error: rawEvents.error,
          payload: rawEvents.payload,
          receivedAt: rawEvents.receivedAt,
        })
        .from(rawEvents)
        .where(
          and(
            eq(rawEvents.workspaceId, viewer.workspaceId),
            inArray(rawEvents.status, ["unparseable", "failed"]),
          ),
        )
        .orderBy(desc(rawEvents.id))
        .limit(100);
      return c.json({ rejected, unparsed });
    },
  );
}
