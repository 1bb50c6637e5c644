import { createHash } from "node:crypto";
import type { InboundEvent, InboundMessage } from "../../domain/inboundEvent.ts";
import { UnparseableEventError } from "../channelAdapter.ts";
import { httpUrlOrNull, type WebMention } from "./webMention.ts";

function isMention(payload: unknown): payload is WebMention {
  const p = payload as Partial<WebMention> | null;
  return (
    typeof p === "object" &&
    p !== null &&
    p.kind === "web_mention" &&
    typeof p.id === "string" &&
    p.id.length > 0 &&
    typeof p.title === "string" &&
    typeof p.text === "string"
  );
}

/**
 * A stored web mention becomes one public message, captured by listening, in a conversation of its own (a page is not a chat: each
 * mention is answered, or not, on its own page). Nobody on the web has a platform id, so the author is named by
 * site and name; two reviews by "Anna" on one site are one contact, which is as much as a site tells.
 */
export function parseWebMention(payload: unknown): InboundEvent[] {
  if (!isMention(payload))
    throw new UnparseableEventError("Not a web mention (kind, id, title and text are required)");
  const url = httpUrlOrNull(payload.url);
  const sentAt = dateOrNull(payload.publishedAt) ?? dateOrNull(payload.seenAt);
  const site = payload.site?.trim() || null;
  const authorName = payload.author?.trim() || null;
  const text = [payload.title.trim(), payload.text.trim()].filter(Boolean).join("\n\n");
  const message: InboundMessage = {
    type: "message",
    platform: "web",
    externalId: payload.id,
    threadKey: `mention:${shortHash(payload.id)}`,
    visibility: "public",
    author: {
      externalId: `${site ?? "web"}|${authorName ?? "anonymous"}`,
      displayName: authorName ?? site ?? "Anonymous",
      ...(authorName && site ? { username: site } : {}),
    },
    text,
    attachments: [],
    sentAt: sentAt ?? new Date(),
    placeName: site ?? undefined,
    replyTarget: {
      url,
      site,
      source: payload.source,
      ...(typeof payload.rating === "number" ? { rating: payload.rating } : {}),
      ...(payload.language ? { language: payload.language } : {}),
    },
    mentionsAccount: false,
    // Found on the web, not addressed to the brand: listening's until its triage says a person must answer.
    capturedByListening: true,
  };
  return [message];
}

/** Thread keys stay short and uniform whatever a site uses as guid (some are whole URLs with query strings). */
function shortHash(value: string): string {
  return createHash("sha256").update(value).digest("hex").slice(0, 32);
}

function dateOrNull(value: string | null | undefined): Date | null {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}
