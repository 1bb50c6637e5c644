import { useState } from "react";
import { api } from "../api.ts";
import { useXChannelT } from "./xChannelI18n.ts";

/**
 * "Connect X account": OAuth 2.0 with PKCE. Parley makes the consent URL (its verifier stays on the server) and
 * the browser goes there; X sends it back to Parley's callback, which stores the tokens and returns to Channels.
 */
export function XConnectButton({ channelId, connected }: { channelId: string; connected: boolean }) {
  const t = useXChannelT();
  const [error, setError] = useState<string | null>(null);
  const connect = async () => {
    setError(null);
    try {
      const { authorizeUrl } = await api<{ authorizeUrl: string }>(
        "POST",
        `/api/channels/${channelId}/x/authorize`,
        {},
      );
      window.location.assign(authorizeUrl);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div>
      <button type="button" onClick={() => void connect()} data-testid="x-connect">
        {connected ? t("reconnect") : t("connect")}
      </button>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
