/**
 * Finds the links in a comment, including those written to slip past a filter: "example dot com",
 * "example[.]com", "bit . ly/x", "hxxp://…". A comment is not a browser: a link here is whatever a reader
 * could type into one, so bare domains count ("shop.example.com/sale"), but only on top-level domains that
 * are not also everyday words (spamVocabulary.ts), and never the domain of an e-mail address.
 */

import { DOT_WORDS, INVITE_HOSTS, LINK_TLDS, SHORTENER_HOSTS } from "./spamVocabulary.ts";

export interface FoundLink {
  /** Lower case, without "www." and without a port. */
  host: string;
  /** Path, query and fragment as written ("" when there are none). */
  path: string;
  /** Written so that a filter would not see it as a link. */
  obfuscated: boolean;
}

/** Beyond this a comment is not a comment; the rest is not read. */
const MAX_SCAN = 20_000;

const TLD = `(?:${LINK_TLDS.join("|")})`;
const DOT_WORD = `(?:${DOT_WORDS.join("|")})`;
/** Hosts found by name even on short-word domains (t.me, u.to); longest first, so none is cut short by another. */
const KNOWN_HOSTS = [...SHORTENER_HOSTS, ...INVITE_HOSTS]
  .sort((a, b) => b.length - a.length)
  .map((host) => host.replace(/\./g, "\\."))
  .join("|");

const SCHEME_URL = /\b(?:https?|ftp):\/\/[^\s<>"'«»]+/giu;
const WWW_URL = /(?<![\p{L}\p{N}.@-])www\.[^\s<>"'«»]+/giu;
/** Anchored at the start of a run of address characters so that a long run without "@" stays linear. */
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** At most eight labels before the top-level domain: real hosts have fewer, and "a.b.a.b…" must stay linear. */
const BARE_URL = new RegExp(
  `(?<![\\p{L}\\p{N}.@/-])(?:(?:${KNOWN_HOSTS})|(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.){1,8}${TLD})(?![\\p{L}\\p{N}-])(?:[/?#][^\\s<>"'«»]*)?`,
  "giu",
);

/** Disguised dots: "[.]", "(dot)", "{точка}". Bracketed, they are unambiguous. */
const BRACKETED_DOT = new RegExp(`\\s*[\\[({<]\\s*(?:\\.|${DOT_WORD})\\s*[\\])}>]\\s*`, "giu");
/**
 * "example dot com", "сайт точка ру": the word alone, only before a top-level domain, and not after an
 * article ("the dot com era").
 */
const WORD_DOT = new RegExp(
  `(?<=[\\p{L}\\p{N}])(?<!(?:^|[^\\p{L}])(?:the|a|an|this|that))\\s+${DOT_WORD}\\s+(?=(?:${TLD}|me|ру|ком)(?![\\p{L}\\p{N}]))`,
  "giu",
);
/** "bit . ly", "example .com": a dot with a space beside it, before a lower-case top-level domain. */
const SPACED_DOT = new RegExp(
  `(?<=[\\p{L}\\p{N}])(?:\\s+\\.\\s*|\\.\\s+)(?=(?:${TLD}|me)(?![\\p{L}\\p{N}]))`,
  "gu",
);
const CYRILLIC_TLD = /\.(ру|ком)(?![\p{L}\p{N}])/giu;
const MAY_HAVE_LINK = new RegExp(`\\.|${DOT_WORD}`, "iu");
const HIDDEN_SCHEME = /\bh(?:xx|\*\*)p(s?)(?:\[:\]|:)\/\//giu;

export function findLinks(text: string): FoundLink[] {
  if (typeof text !== "string" || text.length === 0) return [];
  const source = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  // Every link, disguised or not, has a dot or a word for one; most comments have neither.
  if (!MAY_HAVE_LINK.test(source)) return [];
  const plain = new Set(extract(source).map(key));
  const revealed = reveal(source);
  const links = new Map<string, FoundLink>();
  for (const link of extract(revealed)) {
    const id = key(link);
    if (links.has(id)) continue;
    // A link the plain text does not show was disguised; "hxxp://x.com" counts, as "x.com" after "//" is
    // not taken for a bare domain.
    link.obfuscated = !plain.has(id);
    links.set(id, link);
  }
  return [...links.values()];
}

function key(link: FoundLink): string {
  return `${link.host}${link.path}`;
}

/** The text with disguised dots and schemes written plainly. */
function reveal(text: string): string {
  return text
    .replace(HIDDEN_SCHEME, "http$1://")
    .replace(BRACKETED_DOT, ".")
    .replace(WORD_DOT, ".")
    .replace(SPACED_DOT, ".")
    .replace(CYRILLIC_TLD, (_m, tld: string) => (tld.toLowerCase() === "ру" ? ".ru" : ".com"));
}

/** The text with its plainly written links (and e-mail addresses) blanked out, offsets kept. */
export function withoutLinks(text: string): string {
  return blank(text, () => {});
}

function extract(text: string): FoundLink[] {
  const links: FoundLink[] = [];
  blank(text, (link) => links.push(link));
  return links;
}

function blank(text: string, found: (link: FoundLink) => void): string {
  // Each kind is blanked once found, so a URL is not found again as a bare domain inside it.
  let rest = text;
  for (const pattern of [SCHEME_URL, WWW_URL, EMAIL, BARE_URL]) {
    rest = rest.replace(pattern, (match) => {
      const link = pattern === EMAIL ? undefined : parse(match);
      if (link) found(link);
      return " ".repeat(match.length);
    });
  }
  return rest;
}

function parse(raw: string): FoundLink | undefined {
  const trimmed = raw.replace(/[.,;:!?)\]}'"»…]+$/u, "");
  const withoutScheme = trimmed.replace(/^[a-z]+:\/\//i, "");
  const cut = withoutScheme.search(/[/?#]/);
  const authority = cut < 0 ? withoutScheme : withoutScheme.slice(0, cut);
  const path = cut < 0 ? "" : withoutScheme.slice(cut);
  const host = normalizeHost(authority.replace(/^[^@]*@/, ""));
  return host.includes(".") ? { host, path, obfuscated: false } : undefined;
}

/** Lower case, no port, no trailing dot, no "www.": how hosts are compared with the allow-list. */
export function normalizeHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/:\d*\.*$/, "")
    .replace(/\.+$/, "")
    .replace(/^www\./, "");
}
