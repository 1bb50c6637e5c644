import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ChannelContext, WebhookRequest } from "../channelAdapter.ts";
import { parseMentionBody } from "./mentionPayload.ts";
import { checkMentionSignature, mentionSignature } from "./mentionSignature.ts";
import { webAdapter } from "./webAdapter.ts";
import type { WebSettings } from "./webSettings.ts";

const SECRET = "s3cret-s3cret-s3cret-s3cret-0001";
const body = readFileSync(new URL("./fixtures/mentionWebhook.json", import.meta.url));
const channel: ChannelContext<WebSettings> = {
  id: "00000000-0000-4000-8000-000000000001",
  workspaceId: "00000000-0000-4000-8000-000000000002",
  platform: "web",
  settings: { kind: "webhook", secret: SECRET },
  apiBaseUrl: "",
};
const now = () => Math.floor(Date.now() / 1000);
const request = (signature: string | undefined, raw: Uint8Array = body): WebhookRequest => ({
  method: "POST",
  headers: signature ? { "x-parley-signature": signature } : ({} as Record<string, string>),
  query: {},
  rawBody: new TextDecoder().decode(raw),
  rawBytes: raw,
});

describe("the mention webhook's signature", () => {
  it("accepts a body signed with the secret and the current time", () => {
    expect(
      checkMentionSignature(mentionSignature(body, SECRET, 1_800_000_000), body, SECRET, 1_800_000_100),
    ).toEqual({ ok: true });
  });

  it("refuses a signature older than five minutes, though it matches", () => {
    const check = checkMentionSignature(
      mentionSignature(body, SECRET, 1_800_000_000),
      body,
      SECRET,
      1_800_000_301,
    );
    expect(check).toMatchObject({ ok: false, reason: expect.stringMatching(/300 s/) });
  });

  it("refuses a changed time, a changed body and a wrong secret", () => {
    const signed = mentionSignature(body, SECRET, 1_800_000_000);
    const movedTime = signed.replace("t=1800000000", "t=1800000050");
    expect(checkMentionSignature(movedTime, body, SECRET, 1_800_000_060).ok).toBe(false);
    expect(
      checkMentionSignature(signed, Buffer.concat([body, Buffer.from(" ")]), SECRET, 1_800_000_000).ok,
    ).toBe(false);
    expect(
      checkMentionSignature(
        mentionSignature(body, "other-secret", 1_800_000_000),
        body,
        SECRET,
        1_800_000_000,
      ).ok,
    ).toBe(false);
    expect(checkMentionSignature(undefined, body, SECRET, 1_800_000_000)).toMatchObject({
      reason: /Missing/,
    });
  });

  it("accepts one of several v1 values, for a secret being rotated", () => {
    const good = mentionSignature(body, SECRET, 1_800_000_000).split(",")[1]!;
    expect(
      checkMentionSignature(`t=1800000000,v1=${"0".repeat(64)},${good}`, body, SECRET, 1_800_000_000).ok,
    ).toBe(true);
  });
});

describe("the web adapter's webhook", () => {
  it("cuts a signed mention into one raw event keyed by the partner's id", () => {
    const verdict = webAdapter.receiveWebhook(request(mentionSignature(body, SECRET, now())), channel);
    expect(verdict.kind).toBe("events");
    if (verdict.kind !== "events") return;
    expect(verdict.events[0]!.dedupKey).toBe("id:brandwatch-7731");
    const [message] = webAdapter.parse(verdict.events[0]!.payload, channel);
    expect(message).toMatchObject({
      type: "message",
      platform: "web",
      visibility: "public",
      text: "Veikals atbild lēni\n\nKlienti sūdzas, ka Parley Shop atbalsts atbild pēc trim dienām.",
      author: { displayName: "Ilze Ozola" },
      replyTarget: { url: "https://news.example.lv/raksts/2026/12/veikals", language: "lv" },
      placeName: "news.example.lv",
      capturedByListening: true,
    });
  });

  it("answers a forged signature 401", () => {
    const verdict = webAdapter.receiveWebhook(
      request(mentionSignature(body, "forged-secret-forged", now())),
      channel,
    );
    expect(verdict).toMatchObject({ kind: "rejected", status: 401 });
  });

  it("names the wrong field of a malformed mention", () => {
    const bad = Buffer.from(
      JSON.stringify({ url: "ftp://x.example/a", text: "t", published_at: "2026-12-05T10:00:00Z" }),
    );
    const verdict = webAdapter.receiveWebhook(request(mentionSignature(bad, SECRET, now()), bad), channel);
    expect(verdict).toMatchObject({ kind: "malformed", reason: expect.stringMatching(/^url: /) });
    expect(parseMentionBody('{"url":"https://a.example/","text":"x"}')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^published_at: /),
    });
    expect(
      parseMentionBody(
        '{"mentions":[{"url":"https://a.example/","text":"x","published_at":"2026-12-05T10:00:00Z","rating":"5"}]}',
      ),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^mentions\.0\.rating: /),
    });
  });

  it("refuses webhooks on a feed channel", () => {
    const feed = {
      ...channel,
      settings: { kind: "feed" as const, url: "https://a.example/rss", pollIntervalSeconds: 900 },
    };
    expect(webAdapter.receiveWebhook(request("t=1,v1=00"), feed)).toMatchObject({
      kind: "rejected",
      status: 403,
    });
  });

  it("makes a signing secret when the admin gives none, and only for a webhook", () => {
    expect(webAdapter.generateSecrets?.({ kind: "webhook" }).secret).toMatch(/^[\w-]{40,}$/);
    expect(webAdapter.generateSecrets?.({ kind: "feed", url: "https://a.example/rss" })).toEqual({});
  });
});
