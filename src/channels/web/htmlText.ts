import { decode } from "html-entities";

const BLOCK_TAGS = /<\/?(p|div|br|li|ul|ol|h[1-6]|blockquote|tr|table|section|article|pre|hr)\b[^>]*>/gi;

/**
 * A feed's description or content as plain text: feeds carry HTML (escaped or in CDATA), and a mention is read,
 * matched and shown as words, never as markup. Scripts and styles go with their content, block elements become
 * line breaks, every other tag is dropped, then the entities are decoded once (so `&lt;b&gt;` written as text
 * stays the text "<b>"). The UI renders the result as text anyway; this only decides what the words are.
 */
export function htmlToText(html: string): string {
  const withoutCode = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(script|style|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "");
  const text = decode(withoutCode.replace(BLOCK_TAGS, "\n").replace(/<[^>]*>/g, ""), { level: "html5" });
  return text
    .replace(/\u00a0/g, " ")
    .replace(/[ \t\f\v]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
