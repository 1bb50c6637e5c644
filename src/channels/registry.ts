import type { Platform } from "../domain/platform.ts";
import type { ChannelAdapter } from "./channelAdapter.ts";
import { emailAdapter } from "./email/emailAdapter.ts";
import { facebookAdapter } from "./facebook/facebookAdapter.ts";
import { instagramAdapter } from "./instagram/instagramAdapter.ts";
import { telegramAdapter } from "./telegram/telegramAdapter.ts";
import { viberAdapter } from "./viber/viberAdapter.ts";
import { vkAdapter } from "./vk/vkAdapter.ts";
import { webAdapter } from "./web/webAdapter.ts";
import { whatsappAdapter } from "./whatsapp/whatsappAdapter.ts";
import { xAdapter } from "./x/xAdapter.ts";

// Adapters are registered here and nowhere else; the core asks for them by platform name.
const adapters = new Map<Platform, ChannelAdapter<never>>([
  ["telegram", telegramAdapter as ChannelAdapter<never>],
  ["vk", vkAdapter as ChannelAdapter<never>],
  ["facebook", facebookAdapter as ChannelAdapter<never>],
  ["instagram", instagramAdapter as ChannelAdapter<never>],
  ["whatsapp", whatsappAdapter as ChannelAdapter<never>],
  ["viber", viberAdapter as ChannelAdapter<never>],
  ["x", xAdapter as ChannelAdapter<never>],
  ["email", emailAdapter as ChannelAdapter<never>],
  ["web", webAdapter as ChannelAdapter<never>],
]);

export function adapterFor(platform: string): ChannelAdapter | undefined {
  return adapters.get(platform as Platform) as ChannelAdapter | undefined;
}

export function supportedPlatforms(): Platform[] {
  return [...adapters.keys()];
}
