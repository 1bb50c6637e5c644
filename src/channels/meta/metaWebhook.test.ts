import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { UnparseableEventError } from "../channelAdapter.ts";
import { parseFacebookItem } from "../facebook/facebookParser.ts";
import { receiveMetaWebhook, signMetaBody, splitMetaEnvelope } from "./metaWebhook.ts";

const SECRET = "app-secret";
const request = (body: string | Buffer, signature = signMetaBody(body.toString(), SECRET)) => ({
  method: "POST",
  headers: { "x-hub-signature-256": signature },
  query: {},
  rawBody: body.toString(),
  rawBytes: typeof body === "string" ? undefined : new Uint8Array(body),
});
const settings = { appSecret: SECRET, verifyToken: "v" };

describe("splitMetaEnvelope", () => {
  it.each([
    [[null], /entry 0: is null, not an object/],
    [[{ id: "1", changes: 1.5 }], /changes is 1.5, not a list/],
    [[{ id: "1", messaging: [null, "m"] }], /messaging\[0\] is null/],
    [[{ id: "1", changes: [{ field: "feed", value: 7 }] }], /has no object value/],
    [[{ id: { toString: 1 }, field: { toString: 1 }, value: {} }], /field \{"toString":1\}/],
  ])("turns a part of the wrong shape (%j) into an item with a problem", (entry, problem) => {
    const items = splitMetaEnvelope({ object: "page", entry });
    expect(items.some((item) => problem.test(item.problem ?? ""))).toBe(true);
    for (const item of items.filter((i) => i.problem))
      expect(() => parseFacebookItem(item, "1")).toThrow(UnparseableEventError);
  });

  it("keeps the sound parts of an envelope beside the broken ones", () => {
    const items = splitMetaEnvelope({
      object: "page",
      entry: [null, { id: "1", time: 5, messaging: [{ sender: { id: "2" } }, 3] }],
    });
    expect(items.filter((item) => !item.problem)).toEqual([
      { object: "page", entryId: "1", entryTime: 5, kind: "messaging", item: { sender: { id: "2" } } },
    ]);
    expect(items.filter((item) => item.problem)).toHaveLength(2);
  });
});

describe("receiveMetaWebhook", () => {
  const cutAll = (envelope: Parameters<typeof splitMetaEnvelope>[0]) =>
    splitMetaEnvelope(envelope).map((item) => ({ dedupKey: "k", payload: item }));

  it("checks the signature over the exact bytes, whatever their encoding", () => {
    const bytes = Buffer.concat([
      Buffer.from('{"object":"page","entry":[],"x":"'),
      Buffer.from([0xff]),
      Buffer.from('"}'),
    ]);
    const signature = `sha256=${createHmac("sha256", SECRET).update(bytes).digest("hex")}`;
    expect(receiveMetaWebhook(request(bytes, signature), settings, "page", cutAll).kind).toBe("events");
  });

  it("describes an object it does not expect even when its toString is no function", () => {
    const body = '{"object":{"toString":1},"entry":[]}';
    const verdict = receiveMetaWebhook(request(body), settings, "page", cutAll);
    expect(verdict.kind).toBe("events");
  });

  it("refuses a body nested deeper than any platform nests", () => {
    const body = `{"object":"page","entry":${"[".repeat(100)}${"]".repeat(100)}}`;
    expect(receiveMetaWebhook(request(body), settings, "page", cutAll)).toMatchObject({ kind: "malformed" });
  });
});
