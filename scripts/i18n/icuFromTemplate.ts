/**
 * Turns a string of the old TypeScript dictionaries, where only `{name}` was special, into an ICU message that
 * reads the same. In ICU an apostrophe before a brace, an angle bracket or another apostrophe starts quoted
 * text, and a lone brace opens an argument, so those are escaped; every other apostrophe ("customer's") stays
 * as written.
 * https://unicode-org.github.io/icu/userguide/format_parse/messages/#quotingescaping
 */
export function icuFromTemplate(text: string): string {
  const parts = text.split(/(\{\w+\})/);
  return parts.map((part, i) => (i % 2 === 1 ? part : literal(part, i < parts.length - 1))).join("");
}

/**
 * Text between placeholders. From its first brace on it is quoted as a whole (`'{…}'`, apostrophes inside
 * doubled): quoting each brace alone would put two quotes side by side, which ICU reads as an apostrophe.
 */
function literal(run: string, beforePlaceholder: boolean): string {
  const firstBrace = run.search(/[{}]/);
  const plain = firstBrace < 0 ? run : run.slice(0, firstBrace);
  const quoted = firstBrace < 0 ? "" : `'${run.slice(firstBrace).replaceAll("'", "''")}'`;
  const after = quoted ? "'" : beforePlaceholder ? "{" : "";
  let out = "";
  for (let i = 0; i < plain.length; i++) {
    const char = plain[i]!;
    const next = plain[i + 1] ?? after;
    out += char === "'" && /^['{}<>]/.test(next) ? "''" : char;
  }
  return out + quoted;
}

/** The names of the `{name}` placeholders of an old dictionary string, in order of appearance. */
export function templatePlaceholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
}
