/**
 * A platform's refusal, mapped once at the adapter edge so the outbox and the UI never parse platform errors.
 */
export interface DeliveryError {
  /** A stable machine code, e.g. "rate_limited", "token_invalid", "recipient_unavailable". */
  code: string;
  /** The platform's own error text, kept verbatim for the agent and the admin. */
  message: string;
  retryable: boolean;
  /** Seconds the platform asked us to wait (Telegram retry_after, Retry-After header...). */
  retryAfterSeconds?: number | undefined;
  /** True when the channel's credentials are no longer valid and an admin must re-authorise it. */
  needsReauth?: boolean | undefined;
}

export function retryableError(code: string, message: string, retryAfterSeconds?: number): DeliveryError {
  return { code, message, retryable: true, retryAfterSeconds };
}

export function permanentError(code: string, message: string, needsReauth = false): DeliveryError {
  return { code, message, retryable: false, needsReauth };
}
