import { eq, sql } from "drizzle-orm";
import {
  type ChannelHealthPolicy,
  type ChannelVerdict,
  judgeRefusal,
  type PauseReason,
} from "../domain/channelHealth.ts";
import type { DeliveryError } from "../domain/deliveryError.ts";
import { notifyAdmins } from "../notifications/userNotifications.ts";
import type { ChannelRow } from "../store/channelStore.ts";
import type { Db, DbOrTx, Tx } from "../store/database.ts";
import { notifyChange, notifyWork } from "../store/notify.ts";
import { auditLog, channels } from "../store/schema.ts";
import { type ChannelHold, channelHold } from "./channelHold.ts";

export interface RecordedRefusal {
  verdict: ChannelVerdict;
  /** Until when the channel is now held; undefined when the refusal left it free. */
  hold: ChannelHold | undefined;
}

/** The short label a channel's state shows for a refusal: a status code, never the platform's words. */
export function refusalStatus(error: DeliveryError): string {
  return error.status ?? error.code;
}

/**
 * Counts a platform's refusal against its channel, inside the caller's transaction: a wait the platform asked
 * for holds every request of the channel (in every worker process, since it is stored on the channel row);
 * refusals in a row, a long wait, a block or a revoked token pause the channel, tell the admins and audit it.
 */
export async function recordChannelRefusal(
  tx: Tx,
  channelId: string,
  error: DeliveryError,
  policy: ChannelHealthPolicy,
): Promise<RecordedRefusal> {
  const [row] = await tx.select().from(channels).where(eq(channels.id, channelId)).for("update");
  if (!row) return { verdict: { kind: "unaffected" }, hold: undefined };
  const verdict = judgeRefusal(row.consecutiveFailures, error, policy, Math.random());
  if (verdict.kind === "unaffected") return { verdict, hold: undefined };
  const status = refusalStatus(error);
  // Only an active channel is paused (a paused one still moves on to needing an admin); a disabled channel
  // keeps the state its admin gave it.
  const pausable =
    row.status === "active" ||
    (row.status === "paused" && verdict.kind === "pause" && verdict.reason === "auth_failed");
  if (verdict.kind === "pause" && pausable) {
    const paused = await pause(
      tx,
      row,
      verdict.reason,
      verdict.waitSeconds,
      status,
      verdict.consecutiveFailures,
    );
    return { verdict, hold: channelHold(paused) };
  }
  // A back-off; or a refusal of a request that was in flight when the pause began: the pause stands, the wait
  // is honoured as well.
  const wait = verdict.waitSeconds ?? 0;
  const [held] = await tx
    .update(channels)
    .set({
      consecutiveFailures: verdict.consecutiveFailures,
      backoffUntil: sql`greatest(coalesce(${channels.backoffUntil}, now()), now() + make_interval(secs => ${wait}))`,
      lastErrorStatus: status,
      lastErrorAt: sql`now()`,
    })
    .where(eq(channels.id, channelId))
    .returning();
  await notifyChange(tx, { workspaceId: row.workspaceId, type: "channel.updated", channelId });
  return { verdict, hold: channelHold(held!) };
}

async function pause(
  tx: Tx,
  row: ChannelRow,
  reason: PauseReason,
  waitSeconds: number | null,
  status: string,
  consecutiveFailures: number,
): Promise<ChannelRow> {
  const needsAttention = waitSeconds === null;
  const [paused] = await tx
    .update(channels)
    .set({
      status: needsAttention ? "needs_reauth" : "paused",
      statusReason: status,
      pausedReason: reason,
      pausedUntil: needsAttention ? null : sql`now() + make_interval(secs => ${waitSeconds})`,
      failedProbes: 0,
      consecutiveFailures,
      lastErrorStatus: status,
      lastErrorAt: sql`now()`,
    })
    .where(eq(channels.id, row.id))
    .returning();
  const details = { reason, status, until: paused!.pausedUntil?.toISOString() ?? null };
  await tx.insert(auditLog).values({
    workspaceId: row.workspaceId,
    action: needsAttention ? "channel.needs_reauth" : "channel.paused",
    targetType: "channel",
    targetId: row.id,
    details,
  });
  await notifyAdmins(tx, row.workspaceId, {
    kind: "channel_paused",
    conversationId: null,
    text: `Channel "${row.name}" paused (${status}): ${needsAttention ? "it needs attention" : `until ${details.until}`}`,
    data: { channelId: row.id, channelName: row.name, ...details },
  });
  await notifyChange(tx, { workspaceId: row.workspaceId, type: "channel.updated", channelId: row.id });
  return paused!;
}

/**
 * The platform answered a request of the channel (it went through, or only that message was refused): the
 * channel-wide refusals in a row are over. Writes only when there were some.
 */
export async function recordChannelSuccess(db: DbOrTx, channelId: string): Promise<void> {
  await db
    .update(channels)
    .set({ consecutiveFailures: 0 })
    .where(sql`${channels.id} = ${channelId} AND ${channels.consecutiveFailures} > 0`);
}

/**
 * Lets a paused channel (or one needing attention) send again: by its probe, or by an admin's hand
 * (`actorUserId`). The platform's last wait still stands when an admin resumes; a probe that answered ends it.
 * Replies that waited in the outbox go out at once.
 */
export async function resumeChannel(
  tx: Tx,
  row: ChannelRow,
  by: { probe: true } | { actorUserId: string },
): Promise<void> {
  const byProbe = "probe" in by;
  await tx
    .update(channels)
    .set({
      status: "active",
      statusReason: null,
      pausedReason: null,
      pausedUntil: null,
      failedProbes: 0,
      consecutiveFailures: 0,
      ...(byProbe ? { backoffUntil: null } : {}),
    })
    .where(eq(channels.id, row.id));
  await tx.insert(auditLog).values({
    workspaceId: row.workspaceId,
    actorUserId: byProbe ? null : by.actorUserId,
    action: "channel.resumed",
    targetType: "channel",
    targetId: row.id,
    details: { by: byProbe ? "probe" : "admin", previousStatus: row.status, reason: row.pausedReason },
  });
  if (byProbe)
    await notifyAdmins(tx, row.workspaceId, {
      kind: "channel_resumed",
      conversationId: null,
      text: `Channel "${row.name}" resumed`,
      data: { channelId: row.id, channelName: row.name },
    });
  await notifyChange(tx, { workspaceId: row.workspaceId, type: "channel.updated", channelId: row.id });
  await notifyWork(tx, "outbox");
}

/** recordChannelRefusal in a transaction of its own, for callers outside one (pollers, lookups, ingest). */
export function recordChannelRefusalNow(
  db: Db,
  channelId: string,
  error: DeliveryError,
  policy: ChannelHealthPolicy,
): Promise<RecordedRefusal> {
  return db.transaction((tx) => recordChannelRefusal(tx, channelId, error, policy));
}
