import { describe, expect, it } from "vitest";
import { fetchableAttachmentAt, isFetchable, storedAttachment } from "./attachmentAccess.ts";

describe("attachment access", () => {
  it("fetches files that have an id or an address, never locations, contacts or links", () => {
    expect(isFetchable({ type: "image", ref: "file-id" })).toBe(true);
    expect(isFetchable({ type: "file", url: "https://sun9-1.userapi.com/doc" })).toBe(true);
    expect(isFetchable({ type: "image" })).toBe(false);
    expect(isFetchable({ type: "location", ref: "geo:56.95,24.11" })).toBe(false);
    expect(isFetchable({ type: "contact", ref: "37120000000" })).toBe(false);
    expect(isFetchable({ type: "link", ref: "https://example.com" })).toBe(false);
  });
  it("reads a stored list defensively: junk is nothing, an unknown kind is other", () => {
    expect(storedAttachment(null)).toBeNull();
    expect(storedAttachment("image")).toBeNull();
    expect(storedAttachment({ type: "hologram", ref: "x", size: -1, name: 5 })).toEqual({
      type: "other",
      ref: "x",
      url: undefined,
      name: undefined,
      mimeType: undefined,
      size: undefined,
      width: undefined,
      height: undefined,
    });
  });
  it("finds the file at an index, and nothing outside the list", () => {
    const stored = [
      { type: "location", name: "here" },
      { type: "image", ref: "photo" },
    ];
    expect(fetchableAttachmentAt(stored, 1)?.ref).toBe("photo");
    expect(fetchableAttachmentAt(stored, 0)).toBeNull();
    expect(fetchableAttachmentAt(stored, 2)).toBeNull();
    expect(fetchableAttachmentAt(stored, -1)).toBeNull();
    expect(fetchableAttachmentAt(stored, 0.5)).toBeNull();
  });
});
