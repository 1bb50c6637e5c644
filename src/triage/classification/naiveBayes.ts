/**
 * Multinomial naive Bayes over feature sets, with Laplace smoothing, learned one example at a time.
 *
 * Each category's evidence is its log-likelihood ratio against a uniform distribution over the vocabulary
 * rather than a posterior among the trained categories: categories nobody has corrected yet then sit at a
 * neutral 0 instead of being ruled out, so keyword rules can still speak for them. Between trained
 * categories the ratios differ exactly as the naive Bayes log-likelihoods do.
 */

const ALPHA = 1;
/**
 * The vocabulary the smoothing assumes at least. With a handful of examples the observed vocabulary is a
 * few dozen features, and smoothing over so few would flatten a category's learned words back to uniform.
 */
const VOCABULARY_FLOOR = 1000;

export interface NaiveBayesState {
  examples: readonly number[];
  /** Per feature, its count in each category (indexed like `examples`). */
  features: readonly (readonly [string, readonly number[]])[];
}

export class NaiveBayes {
  private readonly counts = new Map<string, number[]>();
  private readonly examples: number[];
  /** Per category, the sum of its feature counts: the multinomial's N. */
  private readonly totals: number[];
  private readonly categoryCount: number;
  /** Scratch for `evidence`, reused so a classification allocates nothing per category. */
  private readonly logSums: Float64Array;

  constructor(categoryCount: number) {
    this.categoryCount = categoryCount;
    this.examples = new Array<number>(categoryCount).fill(0);
    this.totals = new Array<number>(categoryCount).fill(0);
    this.logSums = new Float64Array(categoryCount);
  }

  learn(category: number, features: readonly string[]): void {
    if (category < 0 || category >= this.categoryCount) throw new RangeError(`No category ${category}`);
    this.examples[category]!++;
    this.totals[category]! += features.length;
    for (const feature of features) {
      let row = this.counts.get(feature);
      if (!row) {
        row = new Array<number>(this.categoryCount).fill(0);
        this.counts.set(feature, row);
      }
      row[category]!++;
    }
  }

  exampleCount(category: number): number {
    return this.examples[category] ?? 0;
  }

  /** How many examples of each category held `feature`; undefined for a feature never seen. */
  featureCounts(feature: string): readonly number[] | undefined {
    return this.counts.get(feature);
  }

  get vocabularySize(): number {
    return this.counts.size;
  }

  /**
   * Writes each category's log-likelihood ratio for `features` into `out` and returns how many of the
   * features the model has seen. Unseen features are skipped: they say nothing about any category.
   */
  evidence(features: readonly string[], out: Float64Array): number {
    const sums = this.logSums.fill(0);
    let known = 0;
    for (const feature of features) {
      const row = this.counts.get(feature);
      if (!row) continue;
      known++;
      for (let c = 0; c < this.categoryCount; c++) sums[c]! += Math.log(row[c]! + ALPHA);
    }
    const vocabulary = Math.max(VOCABULARY_FLOOR, this.counts.size);
    const logVocabulary = Math.log(vocabulary);
    for (let c = 0; c < this.categoryCount; c++) {
      // log P(f|c) = log(count + α) − log(N + αV); against uniform 1/V that adds log V per feature.
      const perFeature = logVocabulary - Math.log(this.totals[c]! + ALPHA * vocabulary);
      out[c] = known === 0 ? 0 : sums[c]! + known * perFeature;
    }
    return known;
  }

  toState(): NaiveBayesState {
    return {
      examples: [...this.examples],
      features: [...this.counts].map(([f, row]) => [f, [...row]] as const),
    };
  }

  /**
   * Rebuilds a model from a state whose category i is this model's category `categoryMap[i]` (−1: dropped,
   * the category no longer exists).
   */
  static fromState(
    categoryCount: number,
    state: NaiveBayesState,
    categoryMap: readonly number[],
  ): NaiveBayes {
    const model = new NaiveBayes(categoryCount);
    for (let i = 0; i < state.examples.length; i++) {
      const target = categoryMap[i] ?? -1;
      if (target >= 0) model.examples[target]! += state.examples[i]!;
    }
    for (const [feature, stored] of state.features) {
      let row: number[] | null = null;
      for (let i = 0; i < stored.length; i++) {
        const target = categoryMap[i] ?? -1;
        const count = stored[i]!;
        if (target < 0 || count <= 0) continue;
        row ??= new Array<number>(categoryCount).fill(0);
        row[target]! += count;
        model.totals[target]! += count;
      }
      if (row) model.counts.set(feature, row);
    }
    return model;
  }
}
