import { describe, expect, it } from "vitest";
import {
  attachmentHeaders,
  contentDisposition,
  essence,
  safeFileName,
  servedType,
  sniffType,
} from "./servedType.ts";

const head = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

const PNG = head([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = head([0xff, 0xd8, 0xff, 0xe0, 0, 16], "JFIF");
const HTML = head("<!doctype html><script>alert(1)</script>");
const SVG = head('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">');

describe("sniffType", () => {
  it("recognises the raster images and media containers served inline", () => {
    expect(sniffType(PNG)).toBe("image/png");
    expect(sniffType(JPEG)).toBe("image/jpeg");
    expect(sniffType(head("GIF89a", [1, 0]))).toBe("image/gif");
    expect(sniffType(head("RIFF", [0, 0, 0, 0], "WEBPVP8 "))).toBe("image/webp");
    expect(sniffType(head("OggS", [0, 2]))).toBe("audio/ogg");
    expect(sniffType(head([0, 0, 0, 0x18], "ftypmp42"))).toBe("video/mp4");
    expect(sniffType(head([0, 0, 0, 0x18], "ftypM4A "))).toBe("audio/mp4");
    expect(sniffType(head("ID3", [4, 0]))).toBe("audio/mpeg");
  });
  it("names nothing for markup, SVG, PDF or a short file", () => {
    expect(sniffType(HTML)).toBeNull();
    expect(sniffType(SVG)).toBeNull();
    expect(sniffType(head("%PDF-1.4"))).toBeNull();
    expect(sniffType(head([0x89, 0x50]))).toBeNull();
  });
});

describe("servedType", () => {
  it("serves an image by its bytes, whatever the platform declared (Telegram says octet-stream)", () => {
    expect(servedType(PNG, ["application/octet-stream", "image/jpeg"])).toEqual({
      contentType: "image/png",
      inline: true,
    });
  });
  it("never gives markup an image or page type, however it is declared", () => {
    for (const declared of ["image/png", "text/html", "image/svg+xml", "application/xhtml+xml", undefined])
      expect(servedType(HTML, [declared])).toEqual({
        contentType: "application/octet-stream",
        inline: false,
      });
    expect(servedType(SVG, ["image/svg+xml"])).toEqual({
      contentType: "application/octet-stream",
      inline: false,
    });
  });
  it("keeps a declared media type from the short list, the more precise one for the same container", () => {
    expect(servedType(head("OggS"), ["application/octet-stream", "audio/ogg; codecs=opus"])).toEqual({
      contentType: "audio/ogg",
      inline: true,
    });
    expect(servedType(head([0, 0, 0, 0x18], "ftypisom"), ["audio/mp4"])).toEqual({
      contentType: "audio/mp4",
      inline: true,
    });
    expect(servedType(head([1, 2, 3]), [undefined, "video/quicktime"])).toEqual({
      contentType: "video/quicktime",
      inline: true,
    });
  });
  it("makes every other file a download", () => {
    expect(servedType(head("%PDF-1.4"), ["application/pdf"])).toEqual({
      contentType: "application/octet-stream",
      inline: false,
    });
  });
});

describe("essence", () => {
  it("reads the type and subtype only, and refuses what is not one", () => {
    expect(essence(" Audio/OGG ; codecs=opus")).toBe("audio/ogg");
    expect(essence("text/html\r\nX-Evil: 1")).toBeUndefined();
    expect(essence("nonsense")).toBeUndefined();
    expect(essence(undefined)).toBeUndefined();
  });
});

describe("safeFileName and contentDisposition", () => {
  it("drops control characters, direction overrides, quotes and path separators from a customer's name", () => {
    const hostile = 'in"voice\r\nSet-Cookie: x=1\u202Efdp.exe/../..\\passwd';
    const name = safeFileName(hostile, "attachment-0", "application/octet-stream");
    expect(name).not.toMatch(/[\r\n"\\/\u202E]/);
    expect(name).toBe("in_voiceSet-Cookie_ x=1fdp.exe_.._.._passwd");
  });
  it("falls back to a name with the served type's extension", () => {
    expect(safeFileName(undefined, "attachment-2", "image/png")).toBe("attachment-2.png");
    expect(safeFileName(" ...\u0000 ", "attachment-1", "application/octet-stream")).toBe("attachment-1");
  });
  it("limits the name to 120 characters, counting letters rather than UTF-16 units", () => {
    expect([...safeFileName("😀".repeat(500), "x", "image/png")]).toHaveLength(120);
  });
  it("writes an ASCII name and the UTF-8 name beside it", () => {
    expect(contentDisposition(false, "Счёт (1).pdf")).toBe(
      `attachment; filename="____ (1).pdf"; filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82%20%281%29.pdf`,
    );
    expect(contentDisposition(true, "photo.jpg")).toBe(
      `inline; filename="photo.jpg"; filename*=UTF-8''photo.jpg`,
    );
  });
  it("sends nosniff, a sandbox and no shared caching with every file", () => {
    const headers = attachmentHeaders({ contentType: "image/png", inline: true }, "a.png");
    expect(headers).toMatchObject({
      "Content-Type": "image/png",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, max-age=86400",
    });
  });
});
