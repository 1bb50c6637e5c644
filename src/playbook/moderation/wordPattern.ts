/**
 * The small language word lists are written in, so a list stays data: "сука" is that word alone, "kurw*" a
 * word that starts with it, "*cunt" one that ends with it, "*fuck*" one that contains it, and "(|на|по)хуй*"
 * stands for every alternative in the group. Anchoring is how the lists dodge the Scunthorpe problem: a
 * root that hides inside innocent words ("бля" in "корабля", "cunt" in "Scunthorpe") is anchored to the
 * start or the end of a word instead of being searched anywhere.
 */

import { foldChar } from "./letterFold.ts";

export type Anchor = "word" | "prefix" | "suffix" | "infix";

export interface WordForm {
  /** Folded letters (see letterFold.ts), repeats kept. */
  readonly letters: string;
  readonly anchor: Anchor;
}

/** A group in every position of a long word would multiply into millions of forms. */
const MAX_FORMS = 512;
const MAX_LENGTH = 200;

/** What is wrong with a pattern, in words fit for a settings form; undefined when it is usable. */
export function wordPatternProblem(pattern: unknown): string | undefined {
  if (typeof pattern !== "string") return "must be text";
  const parsed = parse(pattern);
  return Array.isArray(parsed) ? undefined : parsed.problem;
}

/** Every form a pattern stands for; throws RangeError when the pattern is malformed. */
export function expandWordPattern(pattern: string): WordForm[] {
  const parsed = parse(pattern);
  if (!Array.isArray(parsed))
    throw new RangeError(`Word pattern ${JSON.stringify(pattern)} ${parsed.problem}`);
  return parsed;
}

function parse(pattern: string): WordForm[] | { problem: string } {
  let body = pattern.trim();
  if (body.length === 0) return { problem: "is empty" };
  if (body.length > MAX_LENGTH) return { problem: `is longer than ${MAX_LENGTH} characters` };
  if (/\s/u.test(body)) return { problem: "must be a single word (no spaces)" };
  const leading = body.startsWith("*");
  const trailing = body.length > 1 && body.endsWith("*");
  body = body.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  if (body.includes("*")) return { problem: "may use * only at the start or the end" };

  let forms = [""];
  const chars = Array.from(body);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === "(") {
      const close = chars.indexOf(")", i);
      if (close < 0) return { problem: "has a ( without its )" };
      const inner = chars.slice(i + 1, close);
      if (inner.includes("(")) return { problem: "may not nest groups" };
      const options: string[] = [];
      for (const option of inner.join("").split("|")) {
        const folded = foldLetters(option);
        if (folded === undefined) return { problem: LETTERS_ONLY };
        options.push(folded);
      }
      forms = forms.flatMap((form) => options.map((option) => form + option));
      i = close;
    } else if (ch === ")" || ch === "|") {
      return { problem: `has a ${ch} outside a (a|b) group` };
    } else {
      const folded = foldLetters(ch);
      if (folded === undefined) return { problem: LETTERS_ONLY };
      forms = forms.map((form) => form + folded);
    }
    if (forms.length > MAX_FORMS) return { problem: `stands for more than ${MAX_FORMS} forms` };
  }
  const anchor: Anchor = leading && trailing ? "infix" : leading ? "suffix" : trailing ? "prefix" : "word";
  const unique = [...new Set(forms)];
  const short = unique.find((form) => Array.from(form).length < 2);
  if (short !== undefined) {
    return { problem: `stands for a form shorter than two letters (${JSON.stringify(short)})` };
  }
  return unique.map((letters) => ({ letters, anchor }));
}

const LETTERS_ONLY = "may contain only letters, a * at the start or the end, and (a|b) groups";

/** Letters folded one by one; undefined when a character is not a letter (digits included: text maps those). */
function foldLetters(text: string): string | undefined {
  let folded = "";
  for (const ch of text) {
    const f = foldChar(ch);
    if (f.length === 0 || /\d/.test(f)) return undefined;
    folded += f;
  }
  return folded;
}
