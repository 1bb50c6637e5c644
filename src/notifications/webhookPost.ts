import { callPlatform } from "../channels/platformHttp.ts";

/**
 * Posts JSON to a customer-configured webhook; any 2xx is success, anything else an error worth retrying. The
 * error is the status alone: the receiver's body could be anything the URL reaches, and it is shown to users.
 */
export async function postJsonWebhook(
  url: string,
  payload: unknown,
  userAgent: string,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const result = await callPlatform(
    url,
    {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": userAgent },
      body: JSON.stringify(payload),
    },
    10_000,
  );
  if (!result.ok) return { ok: false, error: result.error.message };
  const status = result.response.status;
  if (status >= 200 && status < 300) return { ok: true };
  return { ok: false, error: `HTTP ${status}` };
}
