import type { Attachment } from "../../domain/inboundEvent.ts";
import type { AttachmentLocation, ChannelContext } from "../channelAdapter.ts";
import { graphRequest } from "../meta/graphClient.ts";
import { platformFileUrl } from "../platformFiles.ts";
import type { WhatsappSettings } from "./whatsappAdapter.ts";

/**
 * Hosts the media URL may name and the access token may go to: Meta's own (the download is on
 * lookaside.fbsbx.com today). A URL elsewhere is refused rather than handed the token.
 */
const MEDIA_HOSTS = ["fbsbx.com", "facebook.com", "whatsapp.net"] as const;

/**
 * A received media id becomes a short-lived URL through GET /{media-id}, and the URL is downloaded with the same
 * access token (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#retrieve-media-url).
 */
export async function locateWhatsappMedia(
  attachment: Attachment,
  channel: ChannelContext<WhatsappSettings>,
): Promise<AttachmentLocation> {
  const ref = attachment.ref;
  if (!ref) return { ok: false, reason: "gone", detail: "no media id" };
  const authorization = { authorization: `Bearer ${channel.settings.accessToken}` };
  let address = ref;
  let size: number | undefined;
  if (/^\d+$/.test(ref)) {
    const answer = await graphRequest(
      channel.apiBaseUrl,
      channel.settings,
      "WhatsApp",
      "GET",
      ref,
      undefined,
      15_000,
    );
    if (!answer.ok)
      return {
        ok: false,
        // A refusal not worth repeating ("Invalid parameter": a media id WhatsApp no longer keeps, after 30 days).
        reason: answer.error.retryable ? "unavailable" : "gone",
        detail: answer.error.status ?? answer.error.code,
      };
    if (typeof answer.answer.url !== "string")
      return { ok: false, reason: "gone", detail: "the media answer has no url" };
    address = answer.answer.url;
    const declared = Number(answer.answer.file_size);
    size = Number.isFinite(declared) && declared >= 0 ? declared : undefined;
  }
  const url = platformFileUrl(address, channel.apiBaseUrl, MEDIA_HOSTS);
  if (!url) return { ok: false, reason: "refused", detail: "the media URL is not on Meta's hosts" };
  return { ok: true, url: url.toString(), headers: authorization, size };
}
