import { parseFeed } from "@rowanmanning/feed-parser";
import { htmlToText } from "./htmlText.ts";
import { httpUrlOrNull, mentionKey, type WebMention } from "./webMention.ts";

/** A document that is no RSS or Atom feed at all (an HTML page, a JSON error, truncated XML). */
export class FeedFormatError extends Error {
  override readonly name = "FeedFormatError";
}

export interface ParsedFeed {
  title: string | null;
  mentions: WebMention[];
  /** Items left out, each with why: the rest of the feed still goes in. */
  skipped: { reason: string }[];
}

/** What one item's text may be: a forum post quoted whole must not grow a message without bound. */
const MAX_TEXT = 20_000;
const MAX_TITLE = 500;

/**
 * Reads an RSS 2.0, RSS 1.0 (RDF) or Atom 1.0 document with @rowanmanning/feed-parser, which is lenient with the
 * feeds found in the wild (tested against real feeds), and turns each item into a mention. HTML in descriptions
 * becomes text, relative links are resolved against the feed's own address, a date that cannot be read is
 * left out (the message then takes the time Parley first read it), and an item with neither text nor a link is skipped
 * with the reason.
 */
export function parseFeedDocument(xml: string, feedUrl: string, now = new Date()): ParsedFeed {
  const root = /<(rss|feed|rdf:RDF|channel)[\s>]/i.exec(xml.slice(0, 4096))?.[1];
  if (!root)
    throw new FeedFormatError(
      "The answer is not an RSS or Atom document (no <rss>, <feed> or <rdf:RDF> root)",
    );
  // The parser is lenient: a document cut off in transit still yields its items, the last one without its text,
  // and that item would be stored under its id for good. A whole document ends with its root's closing tag.
  if (!new RegExp(`</${root}\\s*>(\\s|<!--[\\s\\S]*?-->)*$`, "i").test(xml))
    throw new FeedFormatError(
      `The feed ends before its closing </${root}> tag: cut off in transit, read again at the next poll`,
    );
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(xml);
  } catch (err) {
    throw new FeedFormatError(
      `The feed could not be read as XML: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const siteUrl = httpUrlOrNull(feed.url, feedUrl) ?? feedUrl;
  const site = feed.title?.trim() || hostOf(siteUrl);
  const mentions: WebMention[] = [];
  const skipped: { reason: string }[] = [];
  feed.items.forEach((item, index) => {
    const title = htmlToText(item.title ?? "").slice(0, MAX_TITLE);
    const body = htmlToText(item.content ?? item.description ?? "").slice(0, MAX_TEXT);
    const url = httpUrlOrNull(item.url, siteUrl);
    if (!title && !body && !url) {
      skipped.push({ reason: `Item ${index + 1} has no title, text or link` });
      return;
    }
    const date = item.published ?? item.updated;
    const publishedAt = date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
    mentions.push({
      kind: "web_mention",
      source: "feed",
      id: mentionKey({ guid: item.id, url, title, publishedAt }),
      url,
      title,
      text: body,
      author:
        item.authors
          .map((a) => a.name ?? a.email)
          .find((name) => !!name?.trim())
          ?.trim() ?? null,
      publishedAt,
      seenAt: now.toISOString(),
      site,
      language: feed.language?.trim().slice(0, 2).toLowerCase() || null,
    });
  });
  return { title: feed.title?.trim() || null, mentions, skipped };
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
