import { and, eq, isNotNull, ne, sql } from "drizzle-orm";
import type { ChannelAdapter } from "../channels/channelAdapter.ts";
import { adapterFor } from "../channels/registry.ts";
import { type ChannelRow, channelContext } from "../store/channelStore.ts";
import type { Db } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { channels } from "../store/schema.ts";
import type { SecretBox } from "../store/secretBox.ts";

export function webhookUrlFor(publicUrl: string, platform: string, channelId: string): string {
  return `${publicUrl}/webhooks/${platform}/${channelId}`;
}

const CONNECT_FAILED = "Could not connect: ";

/**
 * Lets the adapter tell the platform where the channel's webhook is (Telegram setWebhook, Viber set_webhook) and
 * remembers the URL it was given. A failure keeps the channel but says why on it, so the admin sees why no traffic
 * arrives; a later success clears that reason.
 */
export async function registerChannelWebhook(
  db: Db,
  box: SecretBox,
  publicUrl: string,
  row: ChannelRow,
  adapter: ChannelAdapter,
  /** A failure is only returned, not written on the channel (a settings change keeps its own outcome). */
  quiet = false,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (!adapter.connect) return { ok: true };
  const url = webhookUrlFor(publicUrl, row.platform, row.id);
  try {
    await adapter.connect(channelContext(row, adapter, box), url);
  } catch (err) {
    const reason = String(err instanceof Error ? err.message : err);
    if (quiet) return { ok: false, reason };
    // Unless another registration of this very URL succeeded meanwhile (the demo re-attaching at start).
    await db
      .update(channels)
      .set({ statusReason: `${CONNECT_FAILED}${reason}` })
      .where(and(eq(channels.id, row.id), sql`${channels.webhookRegisteredUrl} IS DISTINCT FROM ${url}`));
    await notifyChange(db, { workspaceId: row.workspaceId, type: "channel.updated", channelId: row.id });
    return { ok: false, reason };
  }
  await db
    .update(channels)
    .set({
      webhookRegisteredUrl: url,
      statusReason: sql`CASE WHEN ${channels.statusReason} LIKE ${`${CONNECT_FAILED}%`} THEN NULL ELSE ${channels.statusReason} END`,
    })
    .where(eq(channels.id, row.id));
  return { ok: true };
}

/**
 * At start: channels whose platform was given another webhook URL than this installation's (PARLEY_PUBLIC_URL
 * changed, or the data moved to a new host) are registered again, so their traffic follows. Only adapters that
 * ask for it (`reconnectsOnUrlChange`), and only channels that were registered once.
 */
export async function registerChangedWebhooks(
  db: Db,
  box: SecretBox,
  publicUrl: string,
  log: { info(details: object, message: string): void; warn(details: object, message: string): void },
): Promise<number> {
  const rows = await db
    .select()
    .from(channels)
    .where(and(ne(channels.status, "disabled"), isNotNull(channels.webhookRegisteredUrl)));
  let registered = 0;
  for (const row of rows) {
    const adapter = adapterFor(row.platform);
    if (!adapter?.reconnectsOnUrlChange) continue;
    if (row.webhookRegisteredUrl === webhookUrlFor(publicUrl, row.platform, row.id)) continue;
    const outcome = await registerChannelWebhook(db, box, publicUrl, row, adapter);
    if (outcome.ok) {
      registered += 1;
      log.info({ channelId: row.id, platform: row.platform }, "webhook registered at the new public URL");
    } else
      log.warn(
        { channelId: row.id, platform: row.platform, reason: outcome.reason },
        "webhook could not be registered at the new public URL",
      );
  }
  return registered;
}
