// biome-ignore format: a transliteration table reads best as a table
const CYRILLIC: Readonly<Record<string, string>> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "y", к: "k", л: "l",
  м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh",
  щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
};

/**
 * Lower-case ASCII for usernames, which platforms restrict to Latin letters, digits and underscores: Cyrillic is
 * transliterated and diacritics dropped, the way people build their handles from their names.
 */
export function latinize(text: string): string {
  const lower = text.toLowerCase();
  let out = "";
  for (const char of lower) out += CYRILLIC[char] ?? char;
  // "ł" is a letter of its own in Unicode, not "l" plus a mark, so NFD alone would not strip it.
  return out
    .replace(/ł/g, "l")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9_]/g, "");
}
