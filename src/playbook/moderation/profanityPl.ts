/**
 * Polish vulgarities and slurs, in the pattern language of wordPattern.ts (folded: ł is l, ą is a). The "jeb"
 * root takes its verbal prefixes but never "k" after it, so the Latvian "jebkurš", "jebkas" (any, anything)
 * stay clean; "suka" is a whole word, so "sukces" is. "pedał" is left out: folded, it is the English "pedal".
 */

const JEB = "(|za|na|wy|po|od|prze|roz|z|do|u|pod|w|ob|przy|wpier)";

export const PL_PROFANITY: readonly string[] = [
  "*kurw*",
  "*chuj*",
  "huj*",
  "*pierdol*",
  "*pierdal*",
  `${JEB}jeb(a|i|n|ł|u)*`,
  "*pizd*",
  "cip(a|y|ie|ę|ą|ka|ki|kę|sko)",
  "dziwk*",
  "kutas*",
  "fiut*",
  "ciot(a|y|ą|ę|o)",
  "suk(a|o|i|ę|ą)",
  "sukinsyn*",
  "gówn(o|a|em|ie|iany|iana|iane|ianym|ianej)",
  // Slurs.
  "czarnuch*",
  "ciapat*",
];

export const PL_NOT_PROFANITY: readonly string[] = [];
