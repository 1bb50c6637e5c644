import { eq } from "drizzle-orm";
import type { ChannelAdapter, ChannelContext } from "../channels/channelAdapter.ts";
import { adapterFor } from "../channels/registry.ts";
import type { Platform } from "../domain/platform.ts";
import type { Db, DbOrTx } from "./database.ts";
import { channels } from "./schema.ts";
import type { SecretBox } from "./secretBox.ts";

export type ChannelRow = typeof channels.$inferSelect;

export interface LoadedChannel {
  row: ChannelRow;
  adapter: ChannelAdapter;
  context: ChannelContext;
}

/** Splits validated settings into what may be shown and what must be sealed. */
export function splitSecrets(
  adapter: ChannelAdapter,
  settings: Record<string, unknown>,
): { visible: Record<string, unknown>; secret: Record<string, unknown> } {
  const visible: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (adapter.secretFields.includes(key)) secret[key] = value;
    else visible[key] = value;
  }
  return { visible, secret };
}

export function channelContext(
  row: ChannelRow,
  adapter: ChannelAdapter,
  box: SecretBox,
  db?: Db,
): ChannelContext {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    platform: row.platform as Platform,
    settings: { ...row.settings, ...box.open(row.secretsEncrypted) },
    apiBaseUrl: row.apiBaseUrl ?? adapter.defaultApiBaseUrl,
    ...(db ? { updateSecrets: (change) => updateSecretsLocked(db, box, row.id, change) } : {}),
  };
}

/** ChannelContext.updateSecrets: reads, changes and seals the secrets again while the row is locked. */
async function updateSecretsLocked(
  db: Db,
  box: SecretBox,
  channelId: string,
  change: (current: Record<string, unknown>) => Promise<Record<string, unknown> | null>,
): Promise<Record<string, unknown>> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(channels).where(eq(channels.id, channelId)).for("update");
    if (!row) throw new Error(`Channel ${channelId} is gone`);
    const current = { ...row.settings, ...box.open(row.secretsEncrypted) };
    const patch = await change(current);
    if (!patch) return current;
    const secrets = { ...box.open(row.secretsEncrypted), ...patch };
    await tx
      .update(channels)
      .set({ secretsEncrypted: box.seal(secrets) })
      .where(eq(channels.id, channelId));
    return { ...row.settings, ...secrets };
  });
}

export async function loadChannel(
  db: DbOrTx,
  box: SecretBox,
  channelId: string,
): Promise<LoadedChannel | null> {
  const [row] = await db.select().from(channels).where(eq(channels.id, channelId)).limit(1);
  if (!row) return null;
  const adapter = adapterFor(row.platform);
  if (!adapter) return null;
  return { row, adapter, context: channelContext(row, adapter, box) };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}
