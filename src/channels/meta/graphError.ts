import { type DeliveryError, permanentError, retryableError } from "../../domain/deliveryError.ts";

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

/** Throttling codes: app, user, page, custom and business-use-case limits. Dispatch on code, not HTTP status. */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80001, 80002, 80006, 80007, 130429, 131056]);

export function graphError(status: number, body: unknown, product = "Facebook"): DeliveryError {
  const error = (body as GraphErrorBody | null)?.error;
  const code = error?.code;
  const parts = [`${product} error ${code ?? status}: ${error?.message ?? `HTTP ${status}`}`];
  if (error?.error_data?.details) parts.push(`— ${error.error_data.details}`);
  if (error?.fbtrace_id) parts.push(`(fbtrace_id ${error.fbtrace_id})`);
  const message = parts.join(" ");
  if (code !== undefined && RATE_LIMIT_CODES.has(code))
    return retryableError("rate_limited", message, code === 131056 ? 60 : 30);
  if (code === 1 || code === 2 || status >= 500) return retryableError("platform_unavailable", message);
  if (code === 190 || code === 102) return permanentError("token_invalid", message, true);
  if (code === 131047 || error?.error_subcode === 2018278) return permanentError("outside_window", message);
  if (code === 551) return permanentError("recipient_unavailable", message);
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299))
    return permanentError("forbidden", message);
  return permanentError("rejected", message);
}
