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
  /**
   * What the platform answered as a short label ("Telegram 429", "VK error 9", "WhatsApp HTTP 503"), never its
   * text: unlike `message` it carries nothing a remote server wrote, so a channel's state may show it to anyone.
   */
  status?: string | undefined;
  /**
   * Whom a retryable refusal concerns. "channel" (the default): the whole account must wait, so no request of
   * the channel goes out before the time is up. "recipient": only messages to this person (WhatsApp's pair
   * limit). "method": only this kind of call (VK's per-method quotas).
   */
  scope?: "channel" | "recipient" | "method" | undefined;
}

export function retryableError(code: string, message: string, retryAfterSeconds?: number): DeliveryError {
  return { code, message, retryable: true, retryAfterSeconds };
}

export function permanentError(code: string, message: string, needsReauth = false): DeliveryError {
  return { code, message, retryable: false, needsReauth };
}

/**
 * Thrown where an adapter call has no result to return the refusal in (polling, profile lookups, hydration),
 * so the caller can still honour the platform's wait and count the failure against the channel.
 */
export class PlatformRefusal extends Error {
  override readonly name = "PlatformRefusal";
  readonly refusal: DeliveryError;
  constructor(refusal: DeliveryError) {
    super(refusal.message);
    this.refusal = refusal;
  }
}
