import { convert } from "html-to-text";

/**
 * What agents read of an e-mail: plain text only (customer HTML is hostile and never rendered), with the quoted
 * history of earlier mails cut off where its start is unmistakable. The original stays in the raw event.
 */

const HTML_OPTIONS = {
  wordwrap: false as const,
  selectors: [
    { selector: "img", format: "skip" },
    // Quoted history as the big clients mark it up: Gmail, Apple Mail / Thunderbird, Outlook on the web.
    { selector: "div.gmail_quote", format: "skip" },
    { selector: "blockquote[type=cite]", format: "skip" },
    { selector: "div#appendonsend", format: "skip" },
    { selector: "a", options: { hideLinkHrefIfSameAsText: true, ignoreHref: false } },
    { selector: "style", format: "skip" },
    { selector: "script", format: "skip" },
  ],
};

export function htmlToPlainText(html: string): string {
  return convert(html, HTML_OPTIONS).trim();
}

/** "On Tue, 3 Mar 2026 at 10:00, Anna <a@x> wrote:" and its siblings in Parley's four languages. */
const ATTRIBUTION = [
  /^On .{1,200}wrote:\s*$/i,
  /^.{0,200}(^|\s)пишет:\s*$/i,
  /^.{0,200}(^|\s)написала?:\s*$/i,
  /^.{0,200}(^|\s)napisał(a|\(a\))?:\s*$/i,
  /^.{0,200}(^|\s)rakstīja:\s*$/i,
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^-{2,}\s*Исходное сообщение\s*-{2,}\s*$/i,
];

/**
 * Cuts the quoted history off a reply: from an attribution line followed by quoted (">") lines, or a trailing
 * block of ">" lines. Nothing is cut when it would leave the mail empty (a customer who answers inline, or
 * only forwards): then the whole text is shown.
 */
export function trimQuotedHistory(text: string): string {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  let cut = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!ATTRIBUTION.some((pattern) => pattern.test(line))) continue;
    const next = lines.slice(i + 1).find((l) => l.trim() !== "");
    const original = /Original Message|Исходное сообщение/i.test(line);
    if (original || next === undefined || next.trimStart().startsWith(">")) {
      cut = i;
      break;
    }
  }
  // A trailing block of quoted lines with nothing of the customer's own after it.
  let end = cut;
  while (end > 0 && (lines[end - 1]!.trimStart().startsWith(">") || lines[end - 1]!.trim() === "")) end--;
  const hasQuotedTail = lines.slice(end, cut).some((l) => l.trimStart().startsWith(">"));
  if (hasQuotedTail) cut = end;
  const kept = lines.slice(0, cut).join("\n").trim();
  return kept === "" ? text.trim() : kept;
}
