import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { ChannelAdapter } from "../channels/channelAdapter.ts";
import { adapterFor } from "../channels/registry.ts";
import { outboundUrlProblem } from "../net/outboundPolicy.ts";
import { HttpError } from "../server/httpError.ts";
import { splitSecrets } from "../store/channelStore.ts";
import type { Db } from "../store/database.ts";
import { notifyChange, notifyWork } from "../store/notify.ts";
import { auditLog, channels } from "../store/schema.ts";
import type { SecretBox } from "../store/secretBox.ts";
import { registerChannelWebhook, webhookUrlFor } from "./webhookRegistrar.ts";

export interface ChannelInput {
  workspaceId: string;
  actorUserId: string | null;
  platform: string;
  name: string;
  settings: Record<string, unknown>;
  apiBaseUrl?: string | undefined;
  teamId?: string | null | undefined;
}

// Kept importable from here, where channels are made, for the routes and the demo.
export { webhookUrlFor };

function validateSettings(
  adapter: ChannelAdapter,
  settings: Record<string, unknown>,
): Record<string, unknown> {
  const parsed = adapter.settingsSchema.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(
      400,
      "invalid_settings",
      `Invalid ${adapter.displayName} settings: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "malformed"}`,
    );
  }
  return parsed.data as Record<string, unknown>;
}

/**
 * Creates a channel with its credentials sealed, then lets the adapter connect (e.g. Telegram setWebhook).
 * A failed connect keeps the channel but marks it, so the admin sees why no traffic arrives.
 */
export async function createChannel(db: Db, box: SecretBox, publicUrl: string, input: ChannelInput) {
  const adapter = adapterFor(input.platform);
  if (!adapter) throw new HttpError(400, "unknown_platform", `Parley has no ${input.platform} connector yet`);
  if (input.apiBaseUrl !== undefined && !/^https?:\/\//.test(input.apiBaseUrl)) {
    throw new HttpError(400, "invalid_settings", "apiBaseUrl must be an http(s) URL");
  }
  // A clear refusal now; the check that holds is made again on every connection (DNS can change).
  const addressProblem = input.apiBaseUrl === undefined ? null : outboundUrlProblem(input.apiBaseUrl);
  if (addressProblem) throw new HttpError(400, "address_not_allowed", `apiBaseUrl: ${addressProblem}`);
  const generated = adapter.generateSecrets?.(input.settings) ?? {};
  const settings = validateSettings(adapter, { ...input.settings, ...generated });
  const { visible, secret } = splitSecrets(adapter, settings);
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(channels)
      .values({
        workspaceId: input.workspaceId,
        platform: input.platform,
        name: input.name,
        settings: visible,
        secretsEncrypted: box.seal(secret),
        apiBaseUrl: input.apiBaseUrl ?? null,
        teamId: input.teamId ?? null,
      })
      .returning();
    await tx.insert(auditLog).values({
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      action: "channel.created",
      targetType: "channel",
      targetId: created!.id,
      // Which secrets were set, never their values.
      details: { platform: input.platform, name: input.name, secretsSet: Object.keys(secret) },
    });
    await notifyChange(tx, {
      workspaceId: input.workspaceId,
      type: "channel.updated",
      channelId: created!.id,
    });
    // A new feed is read at once rather than at the feed loop's next look.
    if (input.platform === "web") await notifyWork(tx, "feeds");
    return created!;
  });
  const webhookUrl = webhookUrlFor(publicUrl, input.platform, row.id);
  await registerChannelWebhook(db, box, publicUrl, row, adapter);
  // A secret Parley made is shown this once; afterwards it is only ever used, never returned.
  return {
    id: row.id,
    webhookUrl,
    ...(Object.keys(generated).length > 0 ? { generatedSecrets: generated } : {}),
  };
}

/** A random secret in the alphabet every platform accepts (Telegram: A-Z, a-z, 0-9, _ and -). */
export function generateWebhookSecret(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * Changes a channel's settings, typically a new access token after the platform revoked the old one. Secret
 * fields left out keep their stored value, so an admin never has to see or retype them; the channel becomes
 * active again and the failures it caused stay in the log.
 */
export async function updateChannelSettings(
  db: Db,
  box: SecretBox,
  publicUrl: string,
  input: {
    workspaceId: string;
    actorUserId: string;
    channelId: string;
    settings: Record<string, unknown>;
    name?: string | undefined;
  },
) {
  const [row] = await db.select().from(channels).where(eq(channels.id, input.channelId));
  if (!row || row.workspaceId !== input.workspaceId)
    throw new HttpError(404, "not_found", "Channel not found");
  const adapter = adapterFor(row.platform);
  if (!adapter) throw new HttpError(400, "unknown_platform", `Parley has no ${row.platform} connector`);
  const merged = { ...row.settings, ...box.open(row.secretsEncrypted), ...input.settings };
  const settings = validateSettings(adapter, merged);
  const { visible, secret } = splitSecrets(adapter, settings);
  const updated = await db.transaction(async (tx) => {
    const [changed] = await tx
      .update(channels)
      .set({
        settings: visible,
        secretsEncrypted: box.seal(secret),
        name: input.name ?? row.name,
        status: row.status === "disabled" ? "disabled" : "active",
        statusReason: null,
        // New credentials end a pause; a wait the platform asked for still stands (backoff_until).
        pausedReason: null,
        pausedUntil: null,
        failedProbes: 0,
        consecutiveFailures: 0,
      })
      .where(eq(channels.id, row.id))
      .returning();
    await tx.insert(auditLog).values({
      workspaceId: row.workspaceId,
      actorUserId: input.actorUserId,
      action: "channel.updated",
      targetType: "channel",
      targetId: row.id,
      details: { changed: Object.keys(input.settings), previousStatus: row.status },
    });
    await notifyChange(tx, { workspaceId: row.workspaceId, type: "channel.updated", channelId: row.id });
    // Replies that waited for the channel go out now.
    await notifyWork(tx, "outbox");
    return changed!;
  });
  const webhookUrl = webhookUrlFor(publicUrl, row.platform, row.id);
  await registerChannelWebhook(db, box, publicUrl, updated, adapter, true);
  return { id: row.id, webhookUrl };
}
