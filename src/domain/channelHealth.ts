import type { DeliveryError } from "./deliveryError.ts";
import { retryDelaySeconds } from "./retryPolicy.ts";

/**
 * Why a channel stopped sending. A paused channel is held until its wait is over and a probe answers; one that
 * needs attention (`auth_failed`) waits for an admin.
 */
export type PauseReason =
  | "rate_limited"
  | "platform_unavailable"
  | "blocked"
  | "auth_failed"
  | "usage_capped";

export interface ChannelHealthPolicy {
  /** Channel-wide failures in a row (throttling, outages) after which the channel is paused. */
  failuresBeforePause: number;
  /** A single wait the platform asks for at least this long pauses the channel at once, visibly. */
  longWaitSeconds: number;
  /** How long the first pause lasts before a probe; each failed probe doubles it, up to `maxPauseSeconds`. */
  firstPauseSeconds: number;
  maxPauseSeconds: number;
}

export const DEFAULT_CHANNEL_HEALTH_POLICY: ChannelHealthPolicy = {
  failuresBeforePause: 5,
  longWaitSeconds: 300,
  firstPauseSeconds: 60,
  maxPauseSeconds: 3600,
};

export type ChannelVerdict =
  /** The refusal is about one message, person or method: the channel is fine. */
  | { kind: "unaffected" }
  /** No request of the channel goes out for `waitSeconds`. */
  | { kind: "back_off"; waitSeconds: number; consecutiveFailures: number }
  /** The channel is paused: for `waitSeconds` and then probed, or (null) until an admin acts. */
  | { kind: "pause"; reason: PauseReason; waitSeconds: number | null; consecutiveFailures: number };

/** True when a refusal says the whole channel must wait, not just this message or this kind of call. */
export function concernsChannel(error: DeliveryError): boolean {
  if (error.needsReauth) return true;
  return error.retryable && (error.scope ?? "channel") === "channel";
}

/**
 * What a refusal means for its channel, given the channel-wide failures in a row before it. The platform's own
 * wait is honoured as given; without one the channel backs off exponentially (jitter 0..1 from the caller).
 */
export function judgeRefusal(
  consecutiveFailures: number,
  error: DeliveryError,
  policy: ChannelHealthPolicy,
  jitter = 0.5,
): ChannelVerdict {
  const failures = consecutiveFailures + 1;
  if (error.needsReauth)
    return { kind: "pause", reason: "auth_failed", waitSeconds: null, consecutiveFailures: failures };
  if (!concernsChannel(error)) return { kind: "unaffected" };
  const hint = error.retryAfterSeconds;
  const reason: PauseReason =
    error.code === "temporarily_blocked"
      ? "blocked"
      : error.code === "usage_capped"
        ? "usage_capped"
        : error.code === "rate_limited"
          ? "rate_limited"
          : "platform_unavailable";
  // A block or a spent usage cap (X) is never retried after a short wait: it holds until its own time is over.
  const pause =
    reason === "blocked" ||
    reason === "usage_capped" ||
    failures >= policy.failuresBeforePause ||
    (hint !== undefined && hint >= policy.longWaitSeconds);
  if (pause)
    return {
      kind: "pause",
      reason,
      waitSeconds: Math.max(hint ?? 0, policy.firstPauseSeconds),
      consecutiveFailures: failures,
    };
  return {
    kind: "back_off",
    waitSeconds: hint ?? retryDelaySeconds(failures, undefined, jitter),
    consecutiveFailures: failures,
  };
}

/** How long a paused channel waits after its `failedProbes`-th failed probe, at least the platform's own wait. */
export function pauseAfterFailedProbe(
  failedProbes: number,
  policy: ChannelHealthPolicy,
  platformWaitSeconds?: number,
): number {
  const doubled = Math.min(policy.firstPauseSeconds * 2 ** failedProbes, policy.maxPauseSeconds);
  return Math.max(doubled, platformWaitSeconds ?? 0);
}
