import type { Attachment } from "../../domain/inboundEvent.ts";
import type { AttachmentLocation, ChannelContext } from "../channelAdapter.ts";
import { directFileLocation } from "../platformFiles.ts";

/**
 * Where Messenger, Instagram and Page feed webhooks point attachments (`payload.url`, a comment's `photo`):
 * signed CDN addresses that need no token (scontent-*.xx.fbcdn.net, lookaside.fbsbx.com, *.cdninstagram.com).
 * Story CDN URLs expire within a day; an expired one answers 403 or 404 and the UI shows the file as gone.
 */
const META_FILE_HOSTS = [
  "fbcdn.net",
  "fbsbx.com",
  "cdninstagram.com",
  "facebook.com",
  "instagram.com",
] as const;

export async function locateMetaCdnFile(
  attachment: Attachment,
  channel: ChannelContext<unknown>,
): Promise<AttachmentLocation> {
  return directFileLocation(attachment.url ?? attachment.ref, channel.apiBaseUrl, META_FILE_HOSTS);
}
