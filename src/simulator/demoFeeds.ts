import { and, eq, sql } from "drizzle-orm";
import type { FakeFeedItem, FeedFake } from "../channels/web/fakeFeedServer.ts";
import { createChannel } from "../commands/channelCreator.ts";
import type { RunningParley } from "../parley.ts";
import { channels } from "../store/schema.ts";

interface DemoFeed {
  name: string;
  channelName: string;
  format: "rss" | "atom";
  title: string;
  siteUrl: string;
  language: string;
}

/** A review site, a forum, a news site and a blog, one per language the demo speaks. */
export const DEMO_FEEDS: DemoFeed[] = [
  {
    name: "otzovik-ru",
    channelName: "Отзывы: otzovik",
    format: "rss",
    title: "Отзывы о Nordmart — otzovik",
    siteUrl: "https://otzovik.example/reviews/nordmart/",
    language: "ru",
  },
  {
    name: "forum-pl",
    channelName: "Forum Zakupy",
    format: "atom",
    title: "Forum Zakupy — sklepy internetowe",
    siteUrl: "https://forum-zakupy.example.pl/t/sklepy",
    language: "pl",
  },
  {
    name: "atsauksmes-lv",
    channelName: "Atsauksmes.lv",
    format: "rss",
    title: "Atsauksmes par Nordmart",
    siteUrl: "https://atsauksmes.example.lv/nordmart",
    language: "lv",
  },
  {
    name: "reviews-en",
    channelName: "Shop reviews (en)",
    format: "atom",
    title: "ShopReviews — Nordmart",
    siteUrl: "https://shopreviews.example.com/nordmart",
    language: "en",
  },
];

const item = (
  feed: string,
  n: number,
  title: string,
  html: string,
  author: string,
  rating?: number,
): FakeFeedItem => {
  const site = DEMO_FEEDS.find((f) => f.name === feed)!.siteUrl;
  return { guid: `${feed}-${n}`, title, html, author, link: `${site}${n}`, published: new Date(), rating };
};

/** What the demo's sites publish over time: reviews and forum posts about Nordmart, good and bad. */
export const DEMO_FEED_ITEMS: Record<string, FakeFeedItem[]> = {
  "otzovik-ru": [
    item(
      "otzovik-ru",
      1,
      "Nordmart: доставка опоздала",
      "<p>Заказ в <b>Nordmart</b> ждала неделю, поддержка не отвечает. Где мой заказ?</p>",
      "Марина К.",
      2,
    ),
    item("otzovik-ru", 2, "Хороший магазин", "<p>Всё пришло вовремя, Nordmart молодцы!</p>", "Игорь", 5),
    item(
      "otzovik-ru",
      3,
      "Бонусы Nordmart не начислили",
      "<p>Карта Nordmart Bonus, а баллы за покупку так и не пришли.</p>",
      "Светлана",
      3,
    ),
  ],
  "forum-pl": [
    item(
      "forum-pl",
      1,
      "Czy ktoś zamawiał w Nordmart?",
      "<p>Czekam na paczkę od tygodnia. Gdzie jest moje zamówienie z Nordmart?</p>",
      "kasia_87",
    ),
    item("forum-pl", 2, "Re: Nordmart poleca", "<p>Szybka dostawa, Nordmart polecam.</p>", "Jan"),
  ],
  "atsauksmes-lv": [
    item(
      "atsauksmes-lv",
      1,
      "Nordmart atbalsts atbild lēni",
      "<p>Nordmart atbalsts atbildēja tikai pēc trim dienām. Kāpēc tik ilgi?</p>",
      "Ilze O.",
      2,
    ),
    item("atsauksmes-lv", 2, "Labs veikals", "<p>Nordmart piegāde ātra, paldies!</p>", "Jānis", 5),
  ],
  "reviews-en": [
    item(
      "reviews-en",
      1,
      "Nordmart lost my parcel",
      "<p>Ordered from <em>Nordmart</em> two weeks ago, nothing arrived. Where is it?</p>",
      "Sam T.",
      1,
    ),
    item(
      "reviews-en",
      2,
      "Great prices at Nordmart",
      "<p>Nordmart had the best price on my new kettle.</p>",
      "Olivia",
      4,
    ),
  ],
};

/** Registers the demo's sites with the simulator's feed server, each with its first item already published. */
export function seedDemoFeedServer(feeds: FeedFake): void {
  for (const feed of DEMO_FEEDS) feeds.addFeed({ ...feed, items: DEMO_FEED_ITEMS[feed.name]!.slice(0, 1) });
}

/**
 * One web channel per demo site, polling the simulator's feed server every minute. Created once (only with
 * `create`: a demo without customer traffic, as the browser tests run it, keeps its inbox to what they play); on
 * later starts the simulator may listen on another port, so the address of a feed already there follows it.
 */
export async function connectDemoFeeds(
  parley: RunningParley,
  feeds: FeedFake,
  simulatorUrl: string,
  publicUrl: string,
  options: { create: boolean },
): Promise<void> {
  const { db } = parley.database;
  const { workspaceId, adminId, teamId } = parley.bootstrap;
  for (const feed of DEMO_FEEDS) {
    const url = feeds.urlOf(simulatorUrl, feed.name);
    const [existing] = await db
      .select({ id: channels.id })
      .from(channels)
      .where(
        and(
          eq(channels.workspaceId, workspaceId),
          eq(channels.platform, "web"),
          eq(channels.name, feed.channelName),
        ),
      );
    if (existing) {
      await db
        .update(channels)
        .set({ settings: sql`${channels.settings} || ${JSON.stringify({ url })}::jsonb` })
        .where(eq(channels.id, existing.id));
      continue;
    }
    if (!options.create) continue;
    await createChannel(db, parley.box, publicUrl, {
      workspaceId,
      actorUserId: adminId,
      platform: "web",
      name: feed.channelName,
      settings: { kind: "feed", url, pollIntervalSeconds: 60 },
      teamId,
    });
  }
}
