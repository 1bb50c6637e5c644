/**
 * What the browser is told a relayed attachment is. The file is the customer's, so neither the platform's
 * Content-Type nor the file name is trusted: an image is served as one only when its first bytes are one of
 * the raster formats below (never SVG, which can carry script), audio and video keep a type from a short list
 * of media types (a browser never renders those as a page), and everything else is a download,
 * application/octet-stream with Content-Disposition: attachment. `X-Content-Type-Options: nosniff` keeps the
 * browser from second-guessing any of it.
 */

export const INLINE_IMAGE_TYPES: ReadonlySet<string> = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
]);

export const INLINE_MEDIA_TYPES: ReadonlySet<string> = new Set([
  "audio/mpeg",
  "audio/ogg",
  "audio/mp4",
  "audio/aac",
  "audio/wav",
  "audio/webm",
  "video/mp4",
  "video/webm",
  "video/ogg",
  "video/quicktime",
]);

/** How many leading bytes sniffType looks at. */
export const SNIFF_BYTES = 16;

const ascii = (head: Uint8Array, at: number, text: string): boolean =>
  head.length >= at + text.length && [...text].every((ch, i) => head[at + i] === ch.charCodeAt(0));

const bytes = (head: Uint8Array, at: number, expected: readonly number[]): boolean =>
  head.length >= at + expected.length && expected.every((b, i) => head[at + i] === b);

/** The format a file's first bytes announce, for the formats Parley serves inline; null for anything else. */
export function sniffType(head: Uint8Array): string | null {
  if (bytes(head, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (bytes(head, 0, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) return "image/gif";
  if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) return "image/webp";
  if (ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE")) return "audio/wav";
  if (ascii(head, 0, "OggS")) return "audio/ogg";
  if (bytes(head, 0, [0x1a, 0x45, 0xdf, 0xa3])) return "video/webm";
  if (ascii(head, 4, "ftyp")) return ascii(head, 8, "M4A ") ? "audio/mp4" : "video/mp4";
  if (ascii(head, 0, "ID3") || (head.length >= 2 && head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0))
    return "audio/mpeg";
  return null;
}

/** "Audio/OGG; codecs=opus" → "audio/ogg"; anything that is not a type/subtype → undefined. */
export function essence(contentType: string | undefined | null): string | undefined {
  const value = contentType?.split(";")[0]?.trim().toLowerCase();
  return value && /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(value) ? value : undefined;
}

export interface ServedType {
  contentType: string;
  /** Shown in the page (an image, a player) rather than saved. */
  inline: boolean;
}

const DOWNLOAD: ServedType = { contentType: "application/octet-stream", inline: false };

/**
 * Decides the served type from the file's first bytes and what the platform declared (its response header,
 * then what the webhook said), in that order of trust.
 */
export function servedType(head: Uint8Array, declared: readonly (string | undefined)[]): ServedType {
  const sniffed = sniffType(head);
  if (sniffed && INLINE_IMAGE_TYPES.has(sniffed)) return { contentType: sniffed, inline: true };
  const media = declared.map(essence).find((type) => type !== undefined && INLINE_MEDIA_TYPES.has(type));
  if (sniffed && INLINE_MEDIA_TYPES.has(sniffed)) {
    // The declared type may be the more precise one for the same container (audio/mp4 rather than video/mp4).
    const sameFamily = media && media.split("/")[1] === sniffed.split("/")[1];
    return { contentType: sameFamily ? media : sniffed, inline: true };
  }
  // Bytes that name no known format are never given an image type; a declared media type is harmless, since
  // browsers only ever play such a response.
  if (!sniffed && media) return { contentType: media, inline: true };
  return DOWNLOAD;
}

const EXTENSIONS: Record<string, string> = {
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/gif": ".gif",
  "image/webp": ".webp",
  "audio/mpeg": ".mp3",
  "audio/ogg": ".ogg",
  "audio/mp4": ".m4a",
  "audio/aac": ".aac",
  "audio/wav": ".wav",
  "audio/webm": ".weba",
  "video/mp4": ".mp4",
  "video/webm": ".webm",
  "video/ogg": ".ogv",
  "video/quicktime": ".mov",
};

/**
 * A file name fit for a Content-Disposition header and a download: control characters, direction overrides
 * (which make "cod.exe" look like "exe.doc"), quotes and path separators go; at most 120 characters; `fallback`
 * with the served type's extension when nothing is left.
 */
export function safeFileName(name: string | undefined, fallback: string, contentType: string): string {
  const cleaned = [...(name ?? "")]
    .filter((ch) => !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(ch))
    .join("")
    .replace(/["\\/:*?<>|]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  const limited = [...cleaned].slice(0, 120).join("").trim();
  return limited || `${fallback}${EXTENSIONS[contentType] ?? ""}`;
}

/** RFC 6266 with RFC 8187's UTF-8 form for names beyond ASCII; `name` must already be safeFileName's. */
export function contentDisposition(inline: boolean, name: string): string {
  const asciiName = name.replace(/[^\x20-\x7e]/g, "_").replace(/[%;]/g, "_");
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${inline ? "inline" : "attachment"}; filename="${asciiName}"; filename*=UTF-8''${encoded}`;
}

/** Every header a relayed file goes out with; nothing of the platform's response is passed on. */
export function attachmentHeaders(type: ServedType, fileName: string): Record<string, string> {
  return {
    "Content-Type": type.contentType,
    "Content-Disposition": contentDisposition(type.inline, fileName),
    "X-Content-Type-Options": "nosniff",
    // Opened on its own, the file is a document with no rights: no script, no plugin, no same origin.
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    // The address is per message and attachment, so the browser may keep it (a scrolled-away row comes back
    // without another trip to the platform); private, so no shared cache does.
    "Cache-Control": "private, max-age=86400",
  };
}
