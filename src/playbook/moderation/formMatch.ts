/**
 * Whether a word pattern's form (wordPattern.ts) fits a reading of a word (candidateWords.ts). Letters are
 * compared as runs: a run in the form fits a run at least as long in the word, so "fuuuck" is "fuck" while
 * "as" is not "ass" and "Niger" is not the slur. A wildcard slot fits any letter. Disguises are trusted only
 * as far as the real letters carry them: "f**k" is two letters and two stars, "f***" is one letter and
 * could be anything, and a digit in a two-letter code ("XA4") is not a letter.
 */

import type { Slot } from "./candidateWords.ts";
import type { Anchor, WordForm } from "./wordPattern.ts";

interface Run {
  readonly char: string;
  readonly count: number;
}

export interface CompiledForm {
  readonly runs: readonly Run[];
  readonly anchor: Anchor;
  /** The first letter, for indexing forms by the slot a match can start at. */
  readonly first: string;
}

export function compileForm(form: WordForm): CompiledForm {
  const runs: Run[] = [];
  for (const char of form.letters) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.char === char) runs[runs.length - 1] = { char, count: last.count + 1 };
    else runs.push({ char, count: 1 });
  }
  return { runs, anchor: form.anchor, first: runs[0]?.char ?? "" };
}

export interface MatchOptions {
  /** Wildcards fit nothing: an allow-list entry must not excuse "f**k" because "folk" is allowed. */
  readonly strict: boolean;
  /** Real letters in the whole word: digits and symbols stand for letters only in words of three or more. */
  readonly letters: number;
}

/** The best way to match what is left of a form: real letters minus stand-ins, and real letters. */
interface Score {
  readonly margin: number;
  readonly concrete: number;
}

/**
 * True when some alignment has at least two real letters and no fewer real letters than stand-ins (wildcards,
 * digits, symbols). Solved by dynamic programming over (run, slot) rather than by trying every alignment: a
 * word of stars would otherwise take exponential time. The best alignment is the one with the widest
 * margin, then the most real letters; it passes exactly when any alignment passes, because with a margin of
 * one or more a form of two or more letters already has two real letters.
 */
export function formMatches(slots: readonly Slot[], form: CompiledForm, options: MatchOptions): boolean {
  const memo = new Map<number, Score | null>();
  const floating = form.anchor === "suffix" || form.anchor === "infix";
  const last = floating ? slots.length - 1 : 0;
  for (let start = 0; start <= last; start++) {
    const best = bestRest(slots, form, options, memo, 0, start);
    if (best !== null && best.margin >= 0 && best.concrete >= 2) return true;
  }
  return false;
}

function bestRest(
  slots: readonly Slot[],
  form: CompiledForm,
  options: MatchOptions,
  memo: Map<number, Score | null>,
  runIndex: number,
  slotIndex: number,
): Score | null {
  const run = form.runs[runIndex];
  if (run === undefined)
    return atEnd(slots, form.anchor, options, slotIndex) ? { margin: 0, concrete: 0 } : null;
  const key = runIndex * (slots.length + 1) + slotIndex;
  const known = memo.get(key);
  if (known !== undefined) return known;
  let best: Score | null = null;
  let margin = 0;
  let concrete = 0;
  let wildcards = 0;
  for (let i = slotIndex; i < slots.length; i++) {
    const slot = slots[i]!;
    if (!fits(slot, run.char, options)) break;
    // A star stands for one letter, never for a letter repeated for emphasis.
    if (slot.kind === "wildcard" && ++wildcards > run.count) break;
    if (slot.kind === "letter") {
      margin++;
      concrete++;
    } else margin--;
    if (i + 1 - slotIndex < run.count) continue;
    const tail = bestRest(slots, form, options, memo, runIndex + 1, i + 1);
    if (tail === null) continue;
    const total = { margin: margin + tail.margin, concrete: concrete + tail.concrete };
    if (
      best === null ||
      total.margin > best.margin ||
      (total.margin === best.margin && total.concrete > best.concrete)
    )
      best = total;
  }
  memo.set(key, best);
  return best;
}

function fits(slot: Slot, char: string, options: MatchOptions): boolean {
  if (slot.kind === "wildcard") return !options.strict;
  if (slot.kind === "substitute" && options.letters < 3) return false;
  return slot.chars.includes(char);
}

/** A form anchored at the end of a word must reach it; trailing stars ("fuck*") are let go. */
function atEnd(slots: readonly Slot[], anchor: Anchor, options: MatchOptions, slotIndex: number): boolean {
  if (anchor === "prefix" || anchor === "infix") return true;
  let rest = slotIndex;
  while (!options.strict && rest < slots.length && slots[rest]!.kind === "wildcard") rest++;
  return rest === slots.length;
}
