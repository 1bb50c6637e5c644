import { z } from "zod";
import { httpUrlOrNull, mentionKey, type WebMention } from "./webMention.ts";

/**
 * What a partner's crawler or a monitoring service POSTs to /webhooks/web/:channelId (README, "Open web"). `id` is
 * optional: without it the URL is the mention's identity, so the same page pushed twice is stored once.
 */
const MentionBody = z.strictObject({
  id: z.string().trim().min(1).max(500).optional(),
  url: z
    .string()
    .max(2000)
    .refine((value) => httpUrlOrNull(value) !== null, "must be an absolute http(s) URL"),
  title: z.string().max(500).optional().default(""),
  text: z.string().max(20_000),
  author: z.string().max(200).nullable().optional(),
  published_at: z.iso.datetime({ offset: true }),
  site: z.string().max(200).nullable().optional(),
  language: z
    .string()
    .regex(/^[a-z]{2}(-[A-Za-z0-9]{2,8})?$/, "must be a language code such as en, ru, pl, lv or pt-BR")
    .nullable()
    .optional(),
  rating: z.number().min(0).max(100).nullable().optional(),
});

export type MentionParse = { ok: true; mentions: WebMention[] } | { ok: false; reason: string };

/** Validates one mention or a batch (`{"mentions": [...]}`, up to 100) and names the first field that is wrong ("mentions.2.published_at: ..."). */
export function parseMentionBody(rawBody: string): MentionParse {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { ok: false, reason: "The body is not JSON" };
  }
  const batch = typeof json === "object" && json !== null && "mentions" in json;
  const parsed = batch
    ? z.strictObject({ mentions: z.array(MentionBody).min(1).max(100) }).safeParse(json)
    : MentionBody.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join(".") : "body";
    return { ok: false, reason: `${field}: ${issue?.message ?? "invalid"}` };
  }
  const items = "mentions" in parsed.data ? parsed.data.mentions : [parsed.data];
  return { ok: true, mentions: items.map(toMention) };
}

function toMention(item: z.infer<typeof MentionBody>): WebMention {
  const url = httpUrlOrNull(item.url);
  const publishedAt = new Date(item.published_at).toISOString();
  return {
    kind: "web_mention",
    source: "webhook",
    id: item.id ? `id:${item.id}` : mentionKey({ url, title: item.title, publishedAt }),
    url,
    title: item.title,
    text: item.text,
    author: item.author?.trim() || null,
    publishedAt,
    site: item.site?.trim() || (url ? new URL(url).host : null),
    language: item.language ?? null,
    rating: item.rating ?? null,
  };
}
