import { type DeliveryError, permanentError, retryableError } from "../../domain/deliveryError.ts";
import { httpStatusRefusal } from "../platformHttp.ts";
import type { ViberResponse } from "./viberTypes.ts";

/**
 * Viber's status codes (https://developers.viber.com/docs/api/rest-bot-api/#error-codes). 1-4 are on Viber's
 * own errors page; the rest are as Viber's SDKs and clients list them (PLATFORMS.md §8.2 marks them unverified).
 */
export const VIBER_STATUS_NAMES: Record<number, string> = {
  1: "invalidUrl",
  2: "invalidAuthToken",
  3: "badData",
  4: "missingData",
  5: "receiverNotRegistered",
  6: "receiverNotSubscribed",
  7: "publicAccountBlocked",
  8: "publicAccountNotFound",
  9: "publicAccountSuspended",
  10: "webhookNotSet",
  11: "receiverNoSuitableDevice",
  12: "tooManyRequests",
  13: "apiVersionNotSupported",
  14: "incompatibleWithVersion",
};

/**
 * Maps an answer that is not `status: 0` to a DeliveryError. Viber answers its refusals with HTTP 200 and a
 * status code; a bare HTTP failure (a proxy's 429 or 503) is mapped as one. Viber gives no wait with 12
 * (tooManyRequests), so the channel backs off exponentially. 2 and 8 mean the token names no bot (an admin must
 * re-authorise); 10 means Viber lost the webhook, which re-authorising sets again (connect). 6 and 5 concern one
 * person, never the channel: the person unsubscribed, or is no Viber user.
 */
export function viberError(httpStatus: number, headers: Headers, body: ViberResponse | null): DeliveryError {
  if (!body || typeof body.status !== "number") {
    const bare = httpStatusRefusal("Viber", httpStatus, headers);
    if (bare) return bare;
    return {
      ...permanentError("rejected", `Viber: unexpected answer (HTTP ${httpStatus})`),
      status: `Viber HTTP ${httpStatus}`,
    };
  }
  const code = body.status;
  const name = VIBER_STATUS_NAMES[code] ?? "unknown";
  const message = `Viber ${code} (${name}): ${body.status_message ?? name}`;
  const mapped = (): DeliveryError => {
    switch (code) {
      case 2:
      case 8:
        return permanentError("token_invalid", message, true);
      case 10:
        return permanentError("webhook_not_set", message, true);
      case 6:
        return permanentError("recipient_unsubscribed", message);
      case 5:
      case 11:
        return permanentError("recipient_unavailable", message);
      case 7:
      case 9:
        // The bot itself is blocked or suspended: a pause with a probe, not a retry per message.
        return retryableError("temporarily_blocked", message);
      case 12:
        return retryableError("rate_limited", message);
      default:
        return permanentError("rejected", message);
    }
  };
  return { ...mapped(), status: `Viber ${code}` };
}
