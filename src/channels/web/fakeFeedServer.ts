import { createHash } from "node:crypto";
import type { Hono } from "hono";

/** How a feed answers: as it should, or broken in one of the ways real sites break. */
export type FeedMode = "ok" | "http_500" | "not_xml" | "malformed_item";

export interface FakeFeedItem {
  guid: string | null;
  title: string;
  html: string;
  author: string;
  link: string | null;
  published: Date | null;
  rating?: number | undefined;
}

interface FakeFeed {
  name: string;
  format: "rss" | "atom";
  title: string;
  siteUrl: string;
  language: string;
  items: FakeFeedItem[];
  mode: FeedMode;
  /** When the content last changed: Last-Modified, and with the items the ETag. */
  changedAt: Date;
}

export interface FeedRequest {
  feed: string;
  ifNoneMatch: string | null;
  ifModifiedSince: string | null;
  status: number;
  at: number;
}

/**
 * A feed server standing in for review sites, forums and blogs: RSS 2.0 and Atom 1.0 documents at /feeds/<name>,
 * with ETag and Last-Modified, answering 304 to a request whose validators still hold. New items appear when
 * `addItem` or `tick` is called (the demo ticks on a timer); `setMode` breaks one feed for tests.
 */
export function createFeedFake(options: { delayMs?: number } = {}) {
  const feeds = new Map<string, FakeFeed>();
  const requests: FeedRequest[] = [];
  const inFlight = new Map<string, number>();
  let maxInFlight = 0;
  let delayMs = options.delayMs ?? 0;
  let tickCount = 0;

  function etagOf(feed: FakeFeed): string {
    const hash = createHash("sha256").update(render(feed)).digest("base64url").slice(0, 16);
    return `"${hash}"`;
  }

  return {
    addFeed(feed: Omit<FakeFeed, "items" | "mode" | "changedAt"> & { items?: FakeFeedItem[] }) {
      feeds.set(feed.name, { ...feed, items: feed.items ?? [], mode: "ok", changedAt: new Date() });
    },
    addItem(name: string, item: FakeFeedItem) {
      const feed = feeds.get(name);
      if (!feed) throw new Error(`No feed ${name}`);
      feed.items.unshift(item);
      // HTTP dates have whole seconds: a change within the same second must still move Last-Modified.
      feed.changedAt = new Date(Math.max(Date.now(), feed.changedAt.getTime() + 1000));
    },
    setMode(name: string, mode: FeedMode) {
      const feed = feeds.get(name);
      if (!feed) throw new Error(`No feed ${name}`);
      feed.mode = mode;
    },
    /** Slows every answer, so a test can see whether two workers ever fetch one feed at once. */
    setDelay(ms: number) {
      delayMs = ms;
    },
    /** The demo's clock: one new item from the pool on a feed picked in turn. */
    tick(pool: Record<string, FakeFeedItem[]>) {
      const names = [...feeds.keys()].filter((name) => pool[name]?.length);
      if (names.length === 0) return;
      const name = names[tickCount % names.length]!;
      const candidates = pool[name]!;
      const template = candidates[Math.floor(tickCount / names.length) % candidates.length]!;
      tickCount += 1;
      this.addItem(name, {
        ...template,
        guid: template.guid ? `${template.guid}-${tickCount}` : null,
        link: template.link
          ? `${template.link}${template.link.includes("?") ? "&" : "?"}n=${tickCount}`
          : null,
        published: new Date(),
      });
    },
    requests: () => [...requests],
    maxConcurrent: () => maxInFlight,
    urlOf: (base: string, name: string) => `${base.replace(/\/+$/, "")}/feeds/${name}`,
    mount(app: Hono) {
      app.get("/feeds/:name", async (c) => {
        const feed = feeds.get(c.req.param("name"));
        if (!feed) return c.text("Not found", 404);
        const now = (inFlight.get(feed.name) ?? 0) + 1;
        inFlight.set(feed.name, now);
        maxInFlight = Math.max(maxInFlight, now);
        try {
          if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
          const ifNoneMatch = c.req.header("if-none-match") ?? null;
          const ifModifiedSince = c.req.header("if-modified-since") ?? null;
          const log = (status: number) =>
            requests.push({ feed: feed.name, ifNoneMatch, ifModifiedSince, status, at: Date.now() });
          if (feed.mode === "http_500") {
            log(500);
            return c.text("Internal Server Error", 500);
          }
          if (feed.mode === "not_xml") {
            log(200);
            return c.html("<!doctype html><html lang='en'><body><h1>We moved!</h1></body></html>");
          }
          const etag = etagOf(feed);
          const lastModified = new Date(Math.floor(feed.changedAt.getTime() / 1000) * 1000).toUTCString();
          const unchanged =
            ifNoneMatch !== null
              ? ifNoneMatch.split(",").some((tag) => tag.trim() === etag)
              : ifModifiedSince !== null && Date.parse(ifModifiedSince) >= Date.parse(lastModified);
          if (unchanged) {
            log(304);
            return c.body(null, 304, { etag, "last-modified": lastModified });
          }
          log(200);
          const body = render(feed);
          return c.body(body, 200, {
            "content-type": `${feed.format === "rss" ? "application/rss+xml" : "application/atom+xml"}; charset=utf-8`,
            etag,
            "last-modified": lastModified,
          });
        } finally {
          inFlight.set(feed.name, (inFlight.get(feed.name) ?? 1) - 1);
        }
      });
    },
  };
}

export type FeedFake = ReturnType<typeof createFeedFake>;

const esc = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function render(feed: FakeFeed): string {
  const items = feed.mode === "malformed_item" ? [...feed.items, null] : feed.items;
  return feed.format === "rss" ? renderRss(feed, items) : renderAtom(feed, items);
}

/** RSS 2.0 as review sites write it: HTML descriptions in CDATA, dc:creator for the reviewer. */
function renderRss(feed: FakeFeed, items: (FakeFeedItem | null)[]): string {
  const body = items
    .map((item) =>
      item === null
        ? "<item><description></description></item>"
        : [
            "<item>",
            `<title><![CDATA[${item.title}]]></title>`,
            item.link ? `<link>${esc(item.link)}</link>` : "",
            item.guid ? `<guid isPermaLink="false">${esc(item.guid)}</guid>` : "",
            `<dc:creator>${esc(item.author)}</dc:creator>`,
            item.published ? `<pubDate>${item.published.toUTCString()}</pubDate>` : "",
            `<description><![CDATA[${item.html}${item.rating ? `<p>Rating: ${item.rating}/5</p>` : ""}]]></description>`,
            "</item>",
          ].join(""),
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>${esc(feed.title)}</title><link>${esc(feed.siteUrl)}</link><language>${feed.language}</language>
<description>${esc(feed.title)}</description>
${body}
</channel></rss>`;
}

/** Atom 1.0 as forum software writes it: escaped HTML content, one entry per post. */
function renderAtom(feed: FakeFeed, items: (FakeFeedItem | null)[]): string {
  const body = items
    .map((item) =>
      item === null
        ? "<entry><id></id></entry>"
        : [
            "<entry>",
            `<title type="html">${esc(item.title)}</title>`,
            item.link ? `<link rel="alternate" href="${esc(item.link)}"/>` : "",
            `<id>${esc(item.guid ?? `${feed.siteUrl}#${item.title}`)}</id>`,
            item.published ? `<published>${item.published.toISOString()}</published>` : "",
            `<updated>${(item.published ?? feed.changedAt).toISOString()}</updated>`,
            `<author><name>${esc(item.author)}</name></author>`,
            `<content type="html">${esc(item.html)}</content>`,
            "</entry>",
          ].join(""),
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${feed.language}">
<title>${esc(feed.title)}</title><link rel="alternate" href="${esc(feed.siteUrl)}"/>
<id>${esc(feed.siteUrl)}</id><updated>${feed.changedAt.toISOString()}</updated>
${body}
</feed>`;
}
