/** The most raw events one pick leases (and the batch the PostgreSQL server always takes). */
export const MAX_BATCH_SIZE = 25;
/** The fewest a shared-thread pick takes: small enough to be cheap, enough to keep a slice busy. */
const MIN_BATCH_SIZE = 4;

/**
 * How the ingest worker paces itself where it shares one thread with the webhook door (PGlite). A batch stops once
 * its slice is over while webhooks are arriving, not merely because time passed: with none arriving, batches go
 * through whole. And the next pick takes about what the last slice reached: a pick leases, reads and
 * parses every event it takes, so picking 25 to handle 3 and put 22 back cost more than the events themselves
 * (8 ms a pick on PGlite during a burst).
 */
export class SlicePacing {
  readonly #sliceMs: number;
  readonly #foregroundActive: () => boolean;
  #batchSize = MAX_BATCH_SIZE;

  constructor(sliceMs: number, foregroundActive: () => boolean) {
    this.#sliceMs = sliceMs;
    this.#foregroundActive = foregroundActive;
  }

  get batchSize(): number {
    return this.#batchSize;
  }

  /** Whether the batch stops before its next event; the first event of a batch always goes through. */
  sliceOver(startedAt: number, handled: number, now = performance.now()): boolean {
    return handled > 0 && now - startedAt > this.#sliceMs && this.#foregroundActive();
  }

  /** After a batch: a slice cut short sizes the next pick; a batch that went through whole lets it grow again. */
  record(picked: number, handled: number): void {
    this.#batchSize =
      handled < picked
        ? Math.min(MAX_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, handled * 2))
        : Math.min(MAX_BATCH_SIZE, this.#batchSize * 2);
  }
}
