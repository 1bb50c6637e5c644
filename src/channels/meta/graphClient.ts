import type { DeliveryError } from "../../domain/deliveryError.ts";
import { callPlatform, joinUrl } from "../platformHttp.ts";
import { graphError } from "./graphError.ts";

export interface GraphSettings {
  accessToken: string;
  apiVersion: string;
}

export type GraphResult =
  | { ok: true; answer: Record<string, unknown> }
  | { ok: false; error: DeliveryError; status?: number | undefined };

/**
 * One Graph API call with the channel's token. Errors come back mapped (graphError) instead of thrown. An
 * absolute `path` (a paging link) is followed on `base`, so the token never goes to a host an answer names.
 */
export async function graphRequest(
  base: string,
  settings: GraphSettings,
  product: string,
  method: "GET" | "POST" | "DELETE",
  path: string,
  body?: unknown,
  timeoutMs?: number,
): Promise<GraphResult> {
  const absolute = /^https?:/.test(path) ? new URL(path) : undefined;
  const url = absolute
    ? joinUrl(base, `${absolute.pathname}${absolute.search}`)
    : joinUrl(base, `${settings.apiVersion}/${path}`);
  const result = await callPlatform(
    url,
    {
      method,
      headers: {
        authorization: `Bearer ${settings.accessToken}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined || method === "GET" ? {} : { body: JSON.stringify(body) }),
    },
    timeoutMs,
  );
  if (!result.ok) return result;
  const { status, headers, body: answer } = result.response;
  if (status >= 200 && status < 300 && answer && !(answer as { error?: unknown }).error)
    return { ok: true, answer: answer as Record<string, unknown> };
  return { ok: false, error: graphError(status, answer, product, headers), status };
}
