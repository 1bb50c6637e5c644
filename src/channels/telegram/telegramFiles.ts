import type { Attachment } from "../../domain/inboundEvent.ts";
import type { AttachmentLocation, ChannelContext } from "../channelAdapter.ts";
import { callPlatform, joinUrl } from "../platformHttp.ts";
import type { TelegramSettings } from "./telegramAdapter.ts";
import type { TgFileLocation, TgResponse } from "./telegramTypes.ts";

/** A file_path as Telegram hands them out ("photos/file_12.jpg"): plain segments, never climbing out. */
const FILE_PATH = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9_.\-/]{1,256}$/;

/**
 * getFile (https://core.telegram.org/bots/api#getfile) turns a file_id into a path valid for at least an hour,
 * downloaded at /file/bot<token>/<file_path>. The token is in that URL, which is why the browser never gets it.
 * Bots may download files of up to 20 MB; a larger one is refused with 400 "file is too big".
 */
export async function locateTelegramFile(
  attachment: Attachment,
  channel: ChannelContext<TelegramSettings>,
): Promise<AttachmentLocation> {
  if (!attachment.ref) return { ok: false, reason: "gone", detail: "no file_id" };
  const token = channel.settings.botToken;
  const result = await callPlatform(
    joinUrl(channel.apiBaseUrl, `bot${token}/getFile`),
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ file_id: attachment.ref }),
    },
    15_000,
  );
  if (!result.ok) return { ok: false, reason: "unavailable", detail: result.error.code };
  const body = result.response.body as TgResponse<TgFileLocation> | null;
  if (body?.ok !== true) {
    const code = body?.ok === false ? body.error_code : result.response.status;
    const description = body?.ok === false ? (body.description ?? "") : "";
    if (/too big/i.test(description)) return { ok: false, reason: "too_large", detail: `Telegram ${code}` };
    return {
      ok: false,
      reason: code === 400 || code === 404 ? "gone" : "unavailable",
      detail: `Telegram ${code}`,
    };
  }
  const path = body.result.file_path;
  if (!path || !FILE_PATH.test(path))
    return { ok: false, reason: "gone", detail: "getFile gave no usable file_path" };
  return {
    ok: true,
    url: joinUrl(channel.apiBaseUrl, `file/bot${token}/${path}`),
    size: body.result.file_size,
  };
}
