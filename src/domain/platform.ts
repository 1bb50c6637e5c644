/** Every platform Parley speaks. Adding one means adding a folder under src/channels and a line here. */
export const PLATFORMS = [
  "telegram",
  "vk",
  "facebook",
  "messenger",
  "instagram",
  "whatsapp",
  "x",
  "viber",
  "email",
  "web",
] as const;

export type Platform = (typeof PLATFORMS)[number];

export function isPlatform(value: string): value is Platform {
  return (PLATFORMS as readonly string[]).includes(value);
}
