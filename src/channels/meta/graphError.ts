import { type DeliveryError, permanentError, retryableError } from "../../domain/deliveryError.ts";
import { httpStatusRefusal, retryAfterHeader } from "../platformHttp.ts";

/** The Graph API error envelope (https://developers.facebook.com/docs/graph-api/guides/error-handling). */
export interface GraphErrorBody {
  error?: {
    message?: string;
    type?: string;
    code?: number;
    error_subcode?: number;
    error_user_msg?: string;
    error_data?: { details?: string };
    fbtrace_id?: string;
  };
}

/**
 * Throttling codes that hold the whole account: app (4), user (17), page (32) and custom (613) limits, the
 * business use case limits 80001–80009 (Pages, Instagram, Messenger, WhatsApp Business…) and WhatsApp's Cloud
 * API throughput (130429). Dispatch on the code, never the HTTP status: Meta answers them with 400 or 429
 * (PLATFORMS.md §1.5).
 */
const ACCOUNT_THROTTLING = new Set([4, 17, 32, 613, 130429]);
const isBusinessUseCaseLimit = (code: number) => code >= 80001 && code <= 80009;
/** WhatsApp's pair limit: too many messages to one person; another number can still be written to (§5.3). */
const PAIR_RATE_LIMIT = 131056;
/** WhatsApp's spam rate limit: the number may send no more for a while (§5.3). */
const SPAM_RATE_LIMIT = 131048;
/** "Temporarily blocked for policies violations": a block of hours, not a throttle of seconds (§1.5). */
const TEMPORARILY_BLOCKED = 368;
/** Without a usage header a block or a spam limit is waited out this long before a probe asks again. */
const BLOCK_WAIT_SECONDS = 3600;

/**
 * How long Meta says the account must wait, from the usage headers it sends with throttled answers:
 * `X-Business-Use-Case-Usage` is `{"<object id>": [{type, call_count, total_cputime, total_time,
 * estimated_time_to_regain_access}]}`, `X-App-Usage` a flat object of the same figures; the wait is in
 * minutes (PLATFORMS.md §1.6). The longest wait of any object counts; 0 or none is no hint.
 */
export function usageHeaderWaitSeconds(headers: Headers): number | undefined {
  let minutes = 0;
  const consider = (entry: unknown) => {
    const value = (entry as { estimated_time_to_regain_access?: unknown } | null)
      ?.estimated_time_to_regain_access;
    if (typeof value === "number" && Number.isFinite(value) && value > minutes) minutes = value;
  };
  for (const name of ["x-business-use-case-usage", "x-app-usage"]) {
    const raw = headers.get(name);
    if (!raw) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      continue;
    }
    if (typeof parsed !== "object" || parsed === null) continue;
    consider(parsed);
    for (const entries of Object.values(parsed))
      if (Array.isArray(entries)) for (const entry of entries) consider(entry);
  }
  return minutes > 0 ? minutes * 60 : undefined;
}

export function graphError(
  status: number,
  body: unknown,
  product = "Facebook",
  headers: Headers = new Headers(),
): DeliveryError {
  const error = (body as GraphErrorBody | null)?.error;
  const code = typeof error?.code === "number" ? error.code : undefined;
  if (code === undefined) {
    const bare = httpStatusRefusal(product, status, headers);
    if (bare) return bare;
  }
  const parts = [`${product} error ${code ?? status}: ${error?.message ?? `HTTP ${status}`}`];
  if (error?.error_data?.details) parts.push(`— ${error.error_data.details}`);
  if (error?.fbtrace_id) parts.push(`(fbtrace_id ${error.fbtrace_id})`);
  const message = parts.join(" ");
  const hint = usageHeaderWaitSeconds(headers) ?? retryAfterHeader(headers);
  const mapped = (): DeliveryError => {
    if (code !== undefined && (ACCOUNT_THROTTLING.has(code) || isBusinessUseCaseLimit(code)))
      return retryableError("rate_limited", message, hint);
    if (code === PAIR_RATE_LIMIT)
      return { ...retryableError("rate_limited", message, hint ?? 60), scope: "recipient" };
    if (code === SPAM_RATE_LIMIT || code === TEMPORARILY_BLOCKED)
      return retryableError("temporarily_blocked", message, hint ?? BLOCK_WAIT_SECONDS);
    if (status === 429) return retryableError("rate_limited", message, hint);
    if (code === 1 || code === 2 || status >= 500)
      return retryableError("platform_unavailable", message, hint);
    if (code === 190 || code === 102) return permanentError("token_invalid", message, true);
    if (code === 131047 || error?.error_subcode === 2018278) return permanentError("outside_window", message);
    if (code === 551) return permanentError("recipient_unavailable", message);
    if (code === 10 || (code !== undefined && code >= 200 && code <= 299))
      return permanentError("forbidden", message);
    return permanentError("rejected", message);
  };
  return {
    ...mapped(),
    status: code === undefined ? `${product} HTTP ${status}` : `${product} error ${code}`,
  };
}
