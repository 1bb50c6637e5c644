import { createHash } from "node:crypto";

/**
 * One mention of the brand somewhere on the open web, as a raw event stores it: cut out of an RSS/Atom feed by
 * the feed poller, or pushed by a partner's crawler through the mention webhook. Both sources store this one
 * shape, so the parser has one way in.
 */
export interface WebMention {
  kind: "web_mention";
  source: "feed" | "webhook";
  /** Unique within the channel: the item's guid (feeds) or the partner's id, else the link, else a hash. */
  id: string;
  /** The page to open to answer on the site; only ever an http(s) URL, null when none was given. */
  url: string | null;
  title: string;
  text: string;
  author: string | null;
  /** ISO 8601; null when the source gave no readable date. */
  publishedAt: string | null;
  /** When Parley first read it; the message's time when the source gave no date. */
  seenAt?: string | undefined;
  /** The site or feed the mention was found on ("otzovik.example", "Forum — Delivery"). */
  site: string | null;
  language?: string | null | undefined;
  /** A review's score where the site gives one (1–5 stars, 1–10). */
  rating?: number | null | undefined;
}

/** An address a browser may open: only http(s), so a `javascript:` or `data:` link from a feed never becomes one. */
export function httpUrlOrNull(value: string | null | undefined, base?: string): string | null {
  if (!value) return null;
  try {
    const url = base ? new URL(value.trim(), base) : new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The key a mention is deduplicated on: guid when the source has one, else the link, else a hash of title and
 * date (an item with neither guid nor link, which some forum feeds publish).
 */
export function mentionKey(parts: {
  guid?: string | null | undefined;
  url?: string | null | undefined;
  title: string;
  publishedAt: string | null;
}): string {
  if (parts.guid?.trim()) return `guid:${parts.guid.trim()}`;
  if (parts.url) return `link:${parts.url}`;
  const hash = createHash("sha256")
    .update(`${parts.title}\u0000${parts.publishedAt ?? ""}`)
    .digest("hex");
  return `hash:${hash.slice(0, 32)}`;
}
