/**
 * Whether the latest window of mentions departs from its baseline. Pure, so it is tested without a clock or a
 * database; the detector feeds it counts.
 */
export interface WindowCounts {
  /** Mentions in the latest window, and how many of them were negative. */
  recent: number;
  recentNegative: number;
  /** Mentions in the baseline period before the window, and how many were negative. */
  past: number;
  pastNegative: number;
  /** How many windows long the baseline period is. */
  pastWindows: number;
}

export interface SpikePolicy {
  /** Fewer mentions than this in a window is never a burst, whatever the baseline. */
  minCount: number;
  /** A burst has this many times the mentions the baseline expects in a window. */
  factor: number;
}

export interface SpikeVerdict {
  volume: boolean;
  negativity: boolean;
  /** Mentions per window the baseline expects. */
  expected: number;
  recentNegativeShare: number;
  pastNegativeShare: number;
}

/**
 * A volume burst: at least `minCount` and at least `factor` × the expected count (a quiet topic's expectation
 * is taken as at least one a window, so a first handful is not a storm). A negativity burst: at least
 * `minCount` negative mentions, a negative share above one half and twice the baseline's share.
 */
export function judgeWindow(counts: WindowCounts, policy: SpikePolicy): SpikeVerdict {
  const expected = counts.pastWindows > 0 ? counts.past / counts.pastWindows : 0;
  const recentNegativeShare = counts.recent > 0 ? counts.recentNegative / counts.recent : 0;
  const pastNegativeShare = counts.past > 0 ? counts.pastNegative / counts.past : 0;
  const volume = counts.recent >= policy.minCount && counts.recent >= policy.factor * Math.max(expected, 1);
  const negativity =
    counts.recentNegative >= policy.minCount &&
    recentNegativeShare > 0.5 &&
    recentNegativeShare >= 2 * Math.max(pastNegativeShare, 0.1);
  return { volume, negativity, expected, recentNegativeShare, pastNegativeShare };
}
