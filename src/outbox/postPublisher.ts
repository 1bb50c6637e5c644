import { randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import type { OutboundPublish } from "../channels/channelAdapter.ts";
import { adapterFor } from "../channels/registry.ts";
import type { Viewer } from "../domain/roles.ts";
import type { Db, DbOrTx } from "../store/database.ts";
import { notifyWork } from "../store/notify.ts";
import { auditLog, channels, outbox } from "../store/schema.ts";
import { ActionRejectedError } from "./replySender.ts";

/** Queues a new post on the channel's page; a worker publishes it through the outbox. */
export async function requestPublish(
  db: Db,
  viewer: Viewer,
  input: { channelId: string; text: string; link?: string | undefined; ip?: string | undefined },
) {
  return db.transaction(async (tx) => {
    const [channel] = await tx
      .select()
      .from(channels)
      .where(and(eq(channels.id, input.channelId), eq(channels.workspaceId, viewer.workspaceId)));
    if (!channel) throw new ActionRejectedError("not_found", "Channel not found");
    const adapter = adapterFor(channel.platform);
    if (!adapter?.capabilities.publishing || !adapter.publish)
      throw new ActionRejectedError(
        "publishing_not_supported",
        `${channel.platform} channels cannot publish posts`,
      );
    if (channel.status === "disabled")
      throw new ActionRejectedError("channel_disabled", "The channel is disabled");
    const text = input.text.trim();
    if (!text) throw new ActionRejectedError("empty_post", "The post is empty");
    const action: OutboundPublish = {
      kind: "publish",
      text,
      link: input.link,
      idempotencyKey: `parley-post-${randomUUID()}`,
    };
    const [row] = await tx
      .insert(outbox)
      .values({
        workspaceId: channel.workspaceId,
        channelId: channel.id,
        idempotencyKey: action.idempotencyKey,
        action: action as unknown as Record<string, unknown>,
        requestedBy: viewer.userId,
      })
      .returning();
    await tx.insert(auditLog).values({
      workspaceId: channel.workspaceId,
      actorUserId: viewer.userId,
      action: "post.requested",
      targetType: "channel",
      targetId: channel.id,
      details: { outboxId: row!.id },
      ip: input.ip ?? null,
    });
    await notifyWork(tx, "outbox");
    return presentPublication(row!);
  });
}

function presentPublication(row: typeof outbox.$inferSelect) {
  const action = row.action as unknown as OutboundPublish;
  return {
    id: row.id,
    text: action.text,
    link: action.link ?? null,
    status: row.status,
    externalId: row.resultExternalId,
    error: row.lastError,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}

/** Posts published (or being published) from Parley on one channel, newest first. */
export async function listPublications(db: DbOrTx, workspaceId: string, channelId: string) {
  const rows = await db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.workspaceId, workspaceId),
        eq(outbox.channelId, channelId),
        sql`${outbox.action}->>'kind' = 'publish'`,
      ),
    )
    .orderBy(desc(outbox.id))
    .limit(50);
  return rows.map(presentPublication);
}
