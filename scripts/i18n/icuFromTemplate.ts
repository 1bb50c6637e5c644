/**
 * Turns a string of the old TypeScript dictionaries, where only `{name}` was special, into an ICU message that
 * reads the same. In ICU an apostrophe before a brace (or another apostrophe) starts quoted text, and a lone
 * brace opens an argument, so those are escaped; every other apostrophe ("customer's") stays as written.
 * https://unicode-org.github.io/icu/userguide/format_parse/messages/#quotingescaping
 */
export function icuFromTemplate(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const placeholder = /^\{\w+\}/.exec(text.slice(i));
    if (placeholder) {
      out += placeholder[0];
      i += placeholder[0].length;
      continue;
    }
    const char = text[i]!;
    if (char === "{" || char === "}") out += `'${char}'`;
    else if (char === "'" && /^['{}]/.test(text.slice(i + 1))) out += "''";
    else out += char;
    i += 1;
  }
  return out;
}

/** The names of the `{name}` placeholders of an old dictionary string, in order of appearance. */
export function templatePlaceholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
}
