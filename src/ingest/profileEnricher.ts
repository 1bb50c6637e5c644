import { and, eq, isNull, sql } from "drizzle-orm";
import { recordChannelRefusalNow, recordChannelSuccess } from "../channelHealth/channelHealthRecorder.ts";
import type { Profile } from "../channels/channelAdapter.ts";
import { adapterFor } from "../channels/registry.ts";
import {
  type ChannelHealthPolicy,
  concernsChannel,
  DEFAULT_CHANNEL_HEALTH_POLICY,
} from "../domain/channelHealth.ts";
import { PlatformRefusal } from "../domain/deliveryError.ts";
import { channelContext } from "../store/channelStore.ts";
import type { Db } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { channels, contactIdentities, contacts } from "../store/schema.ts";
import type { SecretBox } from "../store/secretBox.ts";

const BATCH = 100;

/**
 * An identity waits while every channel that could look it up is held (the platform's wait, a pause) and at
 * least one such channel exists; with no channel at all it is given up as before.
 */
const waitsForItsChannel = sql`(
  EXISTS (SELECT 1 FROM channels c WHERE c.workspace_id = ${contactIdentities.workspaceId}
    AND c.platform = ${contactIdentities.platform}
    AND (c.status IN ('paused', 'needs_reauth') OR c.backoff_until > now()))
  AND NOT EXISTS (SELECT 1 FROM channels c WHERE c.workspace_id = ${contactIdentities.workspaceId}
    AND c.platform = ${contactIdentities.platform} AND c.status = 'active'
    AND (c.backoff_until IS NULL OR c.backoff_until <= now())))`;

/**
 * Fills in names for people whom events named by id only, through the platform's profile API. It runs apart
 * from ingest so that no platform call ever happens inside an ingest transaction. Best effort: an identity
 * is tried once; a failed lookup keeps its placeholder name. A channel the platform asked to wait is not
 * asked meanwhile: its identities wait with it.
 */
export async function enrichProfiles(
  db: Db,
  box: SecretBox,
  health: ChannelHealthPolicy = DEFAULT_CHANNEL_HEALTH_POLICY,
): Promise<number> {
  const pending = await db
    .select({
      id: contactIdentities.id,
      workspaceId: contactIdentities.workspaceId,
      platform: contactIdentities.platform,
      externalId: contactIdentities.externalId,
      contactId: contactIdentities.contactId,
      displayName: contactIdentities.displayName,
    })
    .from(contactIdentities)
    .where(and(isNull(contactIdentities.profileFetchedAt), sql`NOT ${waitsForItsChannel}`))
    .limit(BATCH);
  if (pending.length === 0) return 0;
  const groups = new Map<string, typeof pending>();
  for (const identity of pending) {
    const key = `${identity.workspaceId}|${identity.platform}`;
    groups.set(key, [...(groups.get(key) ?? []), identity]);
  }
  for (const group of groups.values()) {
    const { workspaceId, platform } = group[0]!;
    const adapter = adapterFor(platform);
    const [channel] = await db
      .select()
      .from(channels)
      .where(
        and(
          eq(channels.workspaceId, workspaceId),
          eq(channels.platform, platform),
          eq(channels.status, "active"),
          sql`(${channels.backoffUntil} IS NULL OR ${channels.backoffUntil} <= now())`,
        ),
      )
      .limit(1);
    let profiles = new Map<string, Profile>();
    if (adapter?.lookupProfiles && channel) {
      try {
        profiles = await adapter.lookupProfiles(
          channelContext(channel, adapter, box),
          group.map((i) => i.externalId),
        );
        await recordChannelSuccess(db, channel.id);
      } catch (err) {
        if (err instanceof PlatformRefusal && concernsChannel(err.refusal)) {
          // The platform asked the channel to wait: these names are looked up once the wait is over.
          await recordChannelRefusalNow(db, channel.id, err.refusal, health);
          continue;
        }
      }
    }
    for (const identity of group) {
      const profile = profiles.get(identity.externalId);
      await db.transaction(async (tx) => {
        await tx
          .update(contactIdentities)
          .set({
            profileFetchedAt: new Date(),
            ...(profile ? { displayName: profile.displayName, username: profile.username ?? null } : {}),
            ...(profile?.reach !== undefined ? { reach: profile.reach } : {}),
          })
          .where(eq(contactIdentities.id, identity.id));
        if (profile) {
          // Only a placeholder contact name is replaced; a name an agent or another channel gave stays.
          await tx
            .update(contacts)
            .set({ displayName: profile.displayName })
            .where(
              sql`${contacts.id} = ${identity.contactId} AND ${contacts.displayName} = ${identity.displayName}`,
            );
          await notifyChange(tx, { workspaceId, type: "conversation.updated" });
        }
      });
    }
  }
  return pending.length;
}
