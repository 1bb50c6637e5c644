import { and, desc, eq, inArray } from "drizzle-orm";
import type { Hono } from "hono";
import { z } from "zod";
import { channelHealthReport } from "../../channelHealth/channelHealthReport.ts";
import { channelHold } from "../../channelHealth/channelHold.ts";
import { adapterFor } from "../../channels/registry.ts";
import { createChannel, updateChannelSettings, webhookUrlFor } from "../../commands/channelCreator.ts";
import { resumeChannelByHand } from "../../commands/channelResumer.ts";
import { canManageChannels, canPublishPosts } from "../../domain/roles.ts";
import { listPublications, requestPublish } from "../../outbox/postPublisher.ts";
import { channelContext } from "../../store/channelStore.ts";
import type { Db } from "../../store/database.ts";
import { channels, rawEvents, rejectedWebhooks } from "../../store/schema.ts";
import type { SecretBox } from "../../store/secretBox.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { forbidden, HttpError, notFound, refusalToHttp } from "../httpError.ts";

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
          ...channelHealthOf(row),
          teamId: row.teamId,
          capabilities: adapterFor(row.platform)?.capabilities ?? null,
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

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/channels/test-connection",
      summary: "Try a new channel's settings (e-mail: IMAP and SMTP logins) and say which step fails",
      tag: "channels",
      body: z.object({ platform: z.string().min(1).max(40), settings: z.record(z.string(), z.unknown()) }),
      response: { status: 200 },
    },
    async ({ body, viewer }, c) => {
      if (!canManageChannels(viewer)) throw forbidden("Only admins manage channels");
      const adapter = adapterFor(body.platform);
      if (!adapter?.testConnection)
        throw new HttpError(400, "not_supported", "This platform has no connection test");
      const parsed = adapter.settingsSchema.safeParse(body.settings);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return c.json({
          ok: false,
          step: "settings",
          message: issue ? `${issue.path.join(".")}: ${issue.message}` : "malformed",
        });
      }
      return c.json(await adapter.testConnection(parsed.data));
    },
  );

  apiRoute(
    app,
    {
      method: "patch",
      path: "/api/channels/:id",
      summary: "Change settings or re-authorise (new token); secrets left out are kept",
      tag: "channels",
      params: ChannelParams,
      body: z.object({
        name: z.string().trim().min(1).max(200).optional(),
        settings: z.record(z.string(), z.unknown()),
      }),
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      if (!canManageChannels(viewer)) throw forbidden("Only admins manage channels");
      return c.json(
        await updateChannelSettings(db, box, publicUrl, {
          workspaceId: viewer.workspaceId,
          actorUserId: viewer.userId,
          channelId: params.id,
          settings: body.settings,
          name: body.name,
        }),
      );
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/channels/:id/resume",
      summary: "Let a paused channel (or one needing attention) send again now; its waiting replies go out",
      tag: "channels",
      params: ChannelParams,
      response: { status: 200 },
    },
    async ({ params, viewer }, c) => {
      if (!canManageChannels(viewer)) throw forbidden("Only admins manage channels");
      return c.json(
        await resumeChannelByHand(db, {
          workspaceId: viewer.workspaceId,
          actorUserId: viewer.userId,
          channelId: params.id,
        }),
      );
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/channels/:id/posts",
      summary: "Posts published from Parley on this channel, with their delivery state",
      tag: "channels",
      params: ChannelParams,
      response: { status: 200 },
    },
    async ({ params, viewer }, c) =>
      c.json({ items: await listPublications(db, viewer.workspaceId, params.id) }),
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/channels/:id/posts",
      summary: "Publish a new post on the page (supervisors and admins); delivered through the outbox",
      tag: "channels",
      params: ChannelParams,
      body: z.object({ text: z.string().min(1).max(60_000), link: z.url().optional() }),
      response: { status: 202 },
    },
    async ({ params, body, viewer }, c) => {
      if (!canPublishPosts(viewer)) throw forbidden("Only supervisors and admins publish posts");
      try {
        const post = await requestPublish(db, viewer, {
          channelId: params.id,
          text: body.text,
          link: body.link,
          ip: c.get("ip"),
        });
        return c.json({ post }, 202);
      } catch (err) {
        throw refusalToHttp(err);
      }
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/channels/:id/templates",
      summary: "Approved message templates (WhatsApp), for replies outside the 24-hour window",
      tag: "channels",
      params: ChannelParams,
      response: { status: 200 },
    },
    async ({ params, viewer }, c) => {
      const [row] = await db
        .select()
        .from(channels)
        .where(and(eq(channels.id, params.id), eq(channels.workspaceId, viewer.workspaceId)));
      const adapter = row ? adapterFor(row.platform) : undefined;
      if (!row || !adapter) throw notFound("Channel");
      if (!adapter.listTemplates) return c.json({ items: [] });
      const hold = channelHold(row);
      // The platform asked the channel to wait: the list is not asked for before the time is up.
      if (hold)
        throw new HttpError(503, "channel_held", "The channel is waiting for the platform; try again later", {
          until: hold.until?.toISOString() ?? null,
        });
      try {
        return c.json({ items: await adapter.listTemplates(channelContext(row, adapter, box)) });
      } catch (err) {
        throw new HttpError(
          502,
          "platform_error",
          `Could not load templates: ${String(err instanceof Error ? err.message : err)}`,
        );
      }
    },
  );
}

const ChannelParams = z.object({ id: z.uuid() });
const base64 = (bytes: Uint8Array | null) => (bytes ? Buffer.from(bytes).toString("base64") : null);

/** A channel's back-off and pause as everyone may see them: status labels and instants, never a remote text. */
function channelHealthOf(row: typeof channels.$inferSelect) {
  return {
    pausedReason: row.pausedReason,
    pausedUntil: row.pausedUntil?.toISOString() ?? null,
    backoffUntil: row.backoffUntil && row.backoffUntil > new Date() ? row.backoffUntil.toISOString() : null,
    lastErrorStatus: row.lastErrorStatus,
    lastErrorAt: row.lastErrorAt?.toISOString() ?? null,
  };
}

/** One channel's health for its admin: what it last heard and sent, what waits or failed, and the fix for each. */
export function channelHealthRoutes(app: Hono<AppEnv>, db: Db, publicUrl: string): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/channels/:id/health",
      summary:
        "One channel's last event in and reply out, waiting and failed work, and findings with their fixes",
      tag: "channels",
      params: z.object({ id: z.uuid() }),
      response: { status: 200 },
    },
    async ({ params, viewer }, c) => {
      if (!canManageChannels(viewer)) throw forbidden("Only admins see a channel's health");
      const [row] = await db
        .select()
        .from(channels)
        .where(and(eq(channels.id, params.id), eq(channels.workspaceId, viewer.workspaceId)));
      if (!row) throw notFound("No such channel");
      const report = await channelHealthReport(db, row);
      return c.json({
        channel: {
          id: row.id,
          name: row.name,
          platform: row.platform,
          status: row.status,
          statusReason: row.statusReason,
          ...channelHealthOf(row),
          webhookUrl: webhookUrlFor(publicUrl, row.platform, row.id),
        },
        ...report,
      });
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
          rawBody: rawEvents.rawBody,
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
      // Bytes kept beside a cleaned body go out as base64 (JSON has no bytes).
      return c.json({
        rejected: rejected.map(({ rawBytes, ...row }) => ({ ...row, rawBytesBase64: base64(rawBytes) })),
        unparsed: unparsed.map(({ rawBody, ...row }) => ({ ...row, rawBodyBase64: base64(rawBody) })),
      });
    },
  );
}
