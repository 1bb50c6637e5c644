/** How long to wait before retrying a failed delivery or event, in seconds. */
export const MAX_DELIVERY_ATTEMPTS = 12;

/**
 * Exponential backoff with a cap, honouring the platform's own wait when it gives one.
 * attempt counts from 1. Jitter is supplied by the caller (0..1) so the function stays pure and testable.
 */
export function retryDelaySeconds(attempt: number, platformRetryAfter?: number, jitter = 0.5): number {
  const base = Math.min(2 ** (attempt - 1) * 2, 15 * 60);
  const withJitter = base * (0.75 + jitter * 0.5);
  if (platformRetryAfter !== undefined) return Math.max(platformRetryAfter, 1);
  return Math.round(withJitter * 1000) / 1000;
}
