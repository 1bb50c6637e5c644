import { useState } from "react";
import { ApiError, api, type Channel } from "../api.ts";
import { isChannelHealthKey, useChannelHealthT } from "./channelHealthI18n.ts";

/**
 * Why a channel is not sending and until when: the platform's wait, a pause with its next probe, or a hold that
 * needs an admin, with the last error as a status only. Admins can resume a paused channel by hand.
 */
export function ChannelHealth({ channel, onChanged }: { channel: Channel; onChanged: () => void }) {
  const t = useChannelHealthT();
  const [error, setError] = useState<string | null>(null);
  const held = channel.status === "paused" || channel.status === "needs_reauth";
  if (!held && !channel.backoffUntil) return null;
  const reasonKey = `reason_${channel.pausedReason ?? ""}`;
  async function resume() {
    setError(null);
    try {
      await api("POST", `/api/channels/${channel.id}/resume`, {});
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }
  return (
    <div className="channel-health small" data-testid="channel-health">
      {held && isChannelHealthKey(reasonKey) && <div>{t(reasonKey)}</div>}
      {channel.status === "paused" && channel.pausedUntil && (
        <div>{t("pausedUntil", { time: new Date(channel.pausedUntil) })}</div>
      )}
      {channel.status === "needs_reauth" && <div>{t("needsAttention")}</div>}
      {!held && channel.backoffUntil && (
        <div>{t("waitingUntil", { time: new Date(channel.backoffUntil) })}</div>
      )}
      {held && <div className="muted">{t("repliesWait")}</div>}
      {channel.lastErrorStatus && (
        <div className="muted">{t("lastError", { status: channel.lastErrorStatus })}</div>
      )}
      {held && (
        <button type="button" data-testid="resume-channel" onClick={() => void resume()}>
          {t("resume")}
        </button>
      )}
      {error && <span className="error small">{error}</span>}
    </div>
  );
}
