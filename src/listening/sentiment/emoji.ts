/**
 * Emoji and emoticons that carry sentiment in customer posts, with weights on the lexicons' -4..4 scale.
 * Keys are the emoji's first code point, so skin tones, gender signs and U+FE0F variants count alike.
 * 😂 and 🙏 are mild: people laugh at a shop as often as with it, and 🙏 is as often "please" as "thanks".
 */
// biome-ignore format: a table reads best as a table
const EMOJI_WEIGHTS: Readonly<Record<string, number>> = {
  "😡": -3, "🤬": -4, "😠": -3, "😤": -2, "🙁": -2, "☹": -2, "😞": -2, "😔": -1.5, "😟": -1.5, "😢": -2,
  "😭": -2.5, "👎": -2.5, "💩": -3, "🤮": -3, "🤢": -2.5, "😒": -1.5, "🙄": -1.5, "😩": -2, "😫": -2,
  "😱": -1.5, "🤦": -2, "😑": -1, "😐": -0.5, "😕": -1.5, "🤡": -2.5, "😖": -2, "😣": -1.5, "💔": -2.5,
  "🖕": -4, "😾": -2, "🥲": -0.5, "🤯": -1.5,
  "👍": 2, "❤": 3, "♥": 2.5, "😍": 3, "🥰": 3, "😊": 2, "☺": 2, "🙂": 1.5, "😀": 2, "😃": 2, "😄": 2,
  "😁": 2, "😆": 1.5, "😂": 0.5, "🤣": 0.5, "🙏": 1, "👏": 2, "🔥": 2, "💪": 1.5, "✨": 1, "🎉": 2.5,
  "🥳": 2.5, "💯": 2, "😘": 2, "😉": 1, "👌": 2, "✅": 1, "🤩": 3, "😇": 2, "💚": 2.5, "💙": 2.5, "💜": 2.5,
  "🧡": 2.5, "💛": 2.5, "🖤": 1, "🤍": 2.5, "💖": 3, "💕": 3, "💗": 3, "⭐": 1.5, "🌟": 2, "🏆": 2, "🤗": 2,
  "😎": 1.5, "🙌": 2.5, "🤝": 1.5,
};

/** Emoticons written with punctuation; Russian speakers smile with ")))" and frown with "(((". */
const EMOTICONS: readonly [RegExp, number][] = [
  [/(?:^|\s)[:;=]-?[)\]]+|\)\){1,}/gu, 1.5],
  [/(?:^|\s)[:=]-?[([]+|\(\({1,}/gu, -2],
  [/(?:^|\s)[:;=]-?D\b|\bxD+\b/gu, 2],
  [/<3/gu, 2.5],
];

const PICTOGRAPH = /\p{Extended_Pictographic}/gu;

/** The summed weight of the emoji and emoticons in a text; each repeat of one emoji counts half as much. */
export function emojiWeight(text: string): number {
  let total = 0;
  let seen: Map<string, number> | undefined;
  for (const match of text.matchAll(PICTOGRAPH)) {
    const weight = EMOJI_WEIGHTS[match[0]];
    if (weight === undefined) continue;
    seen ??= new Map();
    const repeats = seen.get(match[0]) ?? 0;
    seen.set(match[0], repeats + 1);
    // 😡😡😡 is angrier than 😡, not three times as angry.
    if (repeats < 3) total += weight / 2 ** repeats;
  }
  for (const [pattern, weight] of EMOTICONS) {
    if (text.includes(":") || text.includes("(") || text.includes(")") || text.includes("<")) {
      const found = text.match(pattern)?.length ?? 0;
      total += Math.min(found, 2) * weight;
    }
  }
  return total;
}
