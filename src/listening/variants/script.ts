/** Which alphabets a term is written in: it decides which stemmers, transliterations and key maps apply. */

export type Script = "cyrillic" | "latin";

export function scriptsOf(text: string): Set<Script> {
  const scripts = new Set<Script>();
  if (/\p{Script=Cyrillic}/u.test(text)) scripts.add("cyrillic");
  if (/\p{Script=Latin}/u.test(text)) scripts.add("latin");
  return scripts;
}
