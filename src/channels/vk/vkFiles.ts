import type { Attachment } from "../../domain/inboundEvent.ts";
import type { AttachmentLocation, ChannelContext } from "../channelAdapter.ts";
import { directFileLocation } from "../platformFiles.ts";

/** VK's file hosts: photos on sun*.userapi.com, documents behind vk.com/doc…, voice messages on vkuseraudio.net. */
const VK_FILE_HOSTS = [
  "userapi.com",
  "vk.com",
  "vk.ru",
  "vk.me",
  "vkuseraudio.net",
  "vkuservideo.net",
  "vk-cdn.net",
  "mycdn.me",
] as const;

/** VK hands out direct addresses with each attachment (vkParser's `url`); an id alone cannot be downloaded. */
export async function locateVkFile(
  attachment: Attachment,
  channel: ChannelContext<unknown>,
): Promise<AttachmentLocation> {
  return directFileLocation(attachment.url, channel.apiBaseUrl, VK_FILE_HOSTS);
}
