/**
 * Fixed duration buckets (seconds) shared by the rollup and the reports: medians and percentiles are read from
 * the counts per bucket, so they are exact to the bucket and interpolated inside it. Averages are exact.
 * Changing these edges needs a rebuild of the rollup.
 */
export const BUCKET_EDGES = [
  0, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 10800, 14400, 21600, 28800, 43200,
  86400, 172800, 259200, 604800,
] as const;

/** The bucket of counts that are not durations (volumes, backlog deltas, SLA outcomes). */
export const NO_BUCKET = -1;

export function bucketOf(seconds: number): number {
  let lo = 0;
  let hi = BUCKET_EDGES.length - 1;
  if (seconds <= 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((BUCKET_EDGES[mid] ?? 0) <= seconds) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The q-quantile (0..1) of a histogram given as counts per bucket, interpolating linearly inside the bucket
 * that holds it; the open last bucket answers its lower edge. Null when there is nothing to measure.
 */
export function quantileOf(counts: ReadonlyMap<number, number>, q: number): number | null {
  let total = 0;
  for (const count of counts.values()) total += count;
  if (total <= 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let bucket = 0; bucket < BUCKET_EDGES.length; bucket++) {
    const count = counts.get(bucket) ?? 0;
    if (count <= 0) continue;
    if (seen + count >= rank) {
      const lower = BUCKET_EDGES[bucket] ?? 0;
      const upper = BUCKET_EDGES[bucket + 1];
      if (upper === undefined) return lower;
      return Math.round(lower + ((rank - seen) / count) * (upper - lower));
    }
    seen += count;
  }
  return BUCKET_EDGES[BUCKET_EDGES.length - 1] ?? 0;
}
