import type { ListeningLanguage, SentimentLabel } from "../listeningTypes.ts";

/** What a labelled text of eval/listening/mentions.jsonl may mention. */
export const MENTION_KINDS = ["brand", "product", "competitor"] as const;
export type MentionKind = (typeof MENTION_KINDS)[number];

export const SENTIMENT_LABELS: readonly SentimentLabel[] = ["negative", "neutral", "positive"];

/** One line of eval/listening/mentions.jsonl. */
export interface LabelledMention {
  id: string;
  language: ListeningLanguage;
  text: string;
  mentions: MentionKind[];
  sentiment: SentimentLabel;
  notes?: string;
}

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface SentimentScores {
  n: number;
  accuracy: number;
  macroF1: number;
  perLabel: Record<SentimentLabel, ClassScores>;
  /** confusion[gold][predicted] */
  confusion: Record<SentimentLabel, Record<SentimentLabel, number>>;
}

/** Accuracy, per-label precision/recall/F1 and their unweighted mean (macro-F1) over gold and predicted labels. */
export function scoreSentiment(
  pairs: readonly { gold: SentimentLabel; predicted: SentimentLabel }[],
): SentimentScores {
  const confusion = {} as Record<SentimentLabel, Record<SentimentLabel, number>>;
  for (const gold of SENTIMENT_LABELS) {
    confusion[gold] = { negative: 0, neutral: 0, positive: 0 };
  }
  let correct = 0;
  for (const { gold, predicted } of pairs) {
    confusion[gold][predicted]++;
    if (gold === predicted) correct++;
  }
  const perLabel = {} as Record<SentimentLabel, ClassScores>;
  for (const label of SENTIMENT_LABELS) {
    const truePositives = confusion[label][label];
    const predictedCount = SENTIMENT_LABELS.reduce((sum, gold) => sum + confusion[gold][label], 0);
    const support = SENTIMENT_LABELS.reduce((sum, predicted) => sum + confusion[label][predicted], 0);
    perLabel[label] = classScores(truePositives, predictedCount, support);
  }
  const macroF1 =
    SENTIMENT_LABELS.reduce((sum, label) => sum + perLabel[label].f1, 0) / SENTIMENT_LABELS.length;
  return {
    n: pairs.length,
    accuracy: ratio(correct, pairs.length),
    macroF1: round(macroF1),
    perLabel,
    confusion,
  };
}

export interface MentionScores {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/**
 * Mention detection as a set prediction per text: every (text, kind) the matcher reports is a positive, every
 * labelled (text, kind) is a gold positive. `match` is the matcher under test, reduced to the kinds it found.
 */
export function scoreMentions(
  items: readonly LabelledMention[],
  match: (item: LabelledMention) => readonly MentionKind[],
): { overall: MentionScores; perKind: Record<MentionKind, MentionScores>; errors: MentionError[] } {
  const counts = { overall: zeroCounts() } as Record<MentionKind | "overall", ReturnType<typeof zeroCounts>>;
  for (const kind of MENTION_KINDS) counts[kind] = zeroCounts();
  const errors: MentionError[] = [];
  for (const item of items) {
    const found = new Set(match(item));
    const gold = new Set(item.mentions);
    for (const kind of MENTION_KINDS) {
      const outcome = found.has(kind) ? (gold.has(kind) ? "tp" : "fp") : gold.has(kind) ? "fn" : null;
      if (!outcome) continue;
      counts[kind][outcome]++;
      counts.overall[outcome]++;
      if (outcome !== "tp") errors.push({ id: item.id, kind, error: outcome, text: item.text });
    }
  }
  const perKind = {} as Record<MentionKind, MentionScores>;
  for (const kind of MENTION_KINDS) perKind[kind] = mentionScores(counts[kind]);
  return { overall: mentionScores(counts.overall), perKind, errors };
}

export interface MentionError {
  id: string;
  kind: MentionKind;
  error: "fp" | "fn";
  text: string;
}

function zeroCounts() {
  return { tp: 0, fp: 0, fn: 0 };
}

function mentionScores(c: { tp: number; fp: number; fn: number }): MentionScores {
  const scores = classScores(c.tp, c.tp + c.fp, c.tp + c.fn);
  return {
    precision: scores.precision,
    recall: scores.recall,
    f1: scores.f1,
    truePositives: c.tp,
    falsePositives: c.fp,
    falseNegatives: c.fn,
  };
}

/** Precision of nothing predicted, or recall of nothing to find, counts as 1 (no error was made). */
function classScores(truePositives: number, predicted: number, support: number): ClassScores {
  const precision = predicted === 0 ? 1 : truePositives / predicted;
  const recall = support === 0 ? 1 : truePositives / support;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1), support };
}

export function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : round(part / whole);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
