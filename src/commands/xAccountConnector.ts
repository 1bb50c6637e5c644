import { timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { tokenSecrets } from "../channels/x/xAuth.ts";
import { exchangeCode, startAuthorization } from "../channels/x/xOAuth2.ts";
import type { XSettings } from "../channels/x/xSettings.ts";
import { HttpError, notFound } from "../server/httpError.ts";
import type { Db } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { auditLog, channels } from "../store/schema.ts";
import type { SecretBox } from "../store/secretBox.ts";

const DEFAULT_API = "https://api.x.com";

export function xRedirectUri(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/oauth/x/callback`;
}

async function xChannel(db: Db, box: SecretBox, workspaceId: string | null, channelId: string) {
  const [row] = await db.select().from(channels).where(eq(channels.id, channelId));
  if (row?.platform !== "x" || (workspaceId !== null && row.workspaceId !== workspaceId))
    throw notFound("X channel");
  return {
    row,
    settings: { ...row.settings, ...box.open(row.secretsEncrypted) } as XSettings & Record<string, unknown>,
  };
}

/** Starts "Connect X account": the consent URL, with the attempt's verifier and state sealed on the channel. */
export async function startXConnect(
  db: Db,
  box: SecretBox,
  publicUrl: string,
  workspaceId: string,
  channelId: string,
): Promise<string> {
  const { row, settings } = await xChannel(db, box, workspaceId, channelId);
  if (!settings.clientId)
    throw new HttpError(400, "invalid_settings", "The channel has no OAuth 2.0 client id");
  const start = startAuthorization(
    row.apiBaseUrl ?? DEFAULT_API,
    settings.clientId,
    xRedirectUri(publicUrl),
    row.id,
  );
  const secrets = { ...box.open(row.secretsEncrypted), pkceVerifier: start.verifier, pkceState: start.state };
  await db
    .update(channels)
    .set({ secretsEncrypted: box.seal(secrets) })
    .where(eq(channels.id, row.id));
  return start.url;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The callback: the state must be the one this channel's last attempt sealed (a forged or replayed callback
 * changes nothing); the code is exchanged with that attempt's verifier, and the tokens are sealed like every
 * channel credential. The channel is active again, so a channel that needed re-authorising resumes.
 */
export async function finishXConnect(
  db: Db,
  box: SecretBox,
  publicUrl: string,
  code: string,
  state: string,
): Promise<{ channelId: string }> {
  const channelId = state.split(".")[0] ?? "";
  if (!/^[0-9a-f-]{36}$/i.test(channelId)) throw new HttpError(400, "invalid_state", "Unknown state");
  const { row, settings } = await xChannel(db, box, null, channelId);
  const expected = typeof settings.pkceState === "string" ? settings.pkceState : "";
  const verifier = typeof settings.pkceVerifier === "string" ? settings.pkceVerifier : "";
  if (!expected || !verifier || !sameText(state, expected))
    throw new HttpError(
      409,
      "stale_state",
      "This sign-in with X is not the channel's latest attempt; start it again",
    );
  const result = await exchangeCode(
    row.apiBaseUrl ?? DEFAULT_API,
    settings,
    code,
    verifier,
    xRedirectUri(publicUrl),
  );
  if (!result.ok) throw new HttpError(400, "code_refused", `X refused the code: ${result.error.message}`);
  const { pkceState: _state, pkceVerifier: _verifier, ...kept } = box.open(row.secretsEncrypted);
  await db.transaction(async (tx) => {
    await tx
      .update(channels)
      .set({
        secretsEncrypted: box.seal({ ...kept, ...tokenSecrets(result.answer) }),
        ...(row.status === "needs_reauth"
          ? { status: "active", statusReason: null, pausedReason: null }
          : {}),
      })
      .where(eq(channels.id, row.id));
    await tx.insert(auditLog).values({
      workspaceId: row.workspaceId,
      action: "channel.connected",
      targetType: "channel",
      targetId: row.id,
      details: { platform: "x", scope: result.answer.scope ?? null },
    });
    await notifyChange(tx, { workspaceId: row.workspaceId, type: "channel.updated", channelId: row.id });
  });
  return { channelId: row.id };
}
