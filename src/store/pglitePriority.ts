import type { PGlite } from "@electric-sql/pglite";
import type { PgliteStatements } from "./pgliteStatements.ts";

/**
 * The longest a background statement waits for the foreground to fall quiet. Under a steady stream of requests the
 * foreground is never quiet for long; background work then still gets its turn at this pace.
 */
const MAX_BACKGROUND_WAIT_MS = 40;
/** How long after a request's statement the foreground still counts as busy (see foregroundActive). */
const RECENT_FOREGROUND_MS = 100;

/**
 * PGlite runs one statement at a time for the whole process, so a webhook's acknowledgement waits for whatever the
 * worker's loops queued before it. This gate gives the server's requests the right of way: background work (the
 * worker's loops) starts a statement or a transaction only while no foreground statement is waiting or running,
 * or once it has waited MAX_BACKGROUND_WAIT_MS. A transaction already started runs to its end, which is why the
 * worker keeps its transactions short on PGlite (see rawEventProcessor's slices).
 */
export class PglitePriority {
  #foreground = 0;
  /** Background operations run one at a time, so that the foreground never finds more than one ahead of it. */
  #backgroundTurn: Promise<void> = Promise.resolve();
  #onQuiet: (() => void) | null = null;

  #lastForegroundAt = Number.NEGATIVE_INFINITY;

  /**
   * Whether requests are using the database now or did a moment ago. A background transaction cannot see a request
   * arrive (PGlite answers on the microtask queue, so while it runs the event loop reads nothing): a request that
   * came just before stands for the ones coming next.
   */
  foregroundActive(now = performance.now()): boolean {
    return this.#foreground > 0 || now - this.#lastForegroundAt < RECENT_FOREGROUND_MS;
  }

  async foreground<T>(run: () => Promise<T>): Promise<T> {
    this.#foreground += 1;
    try {
      return await run();
    } finally {
      this.#lastForegroundAt = performance.now();
      this.#foreground -= 1;
      if (this.#foreground === 0) this.#onQuiet?.();
    }
  }

  async background<T>(run: () => Promise<T>): Promise<T> {
    const previous = this.#backgroundTurn;
    let done!: () => void;
    this.#backgroundTurn = new Promise((resolve) => {
      done = resolve;
    });
    await previous;
    try {
      // PGlite answers on the microtask queue, so a chain of background statements would never let the event loop
      // read an incoming request: each one first yields to pending I/O.
      await new Promise((resolve) => setImmediate(resolve));
      if (this.#foreground > 0) await this.#quiet();
      return await run();
    } finally {
      done();
    }
  }

  #quiet(): Promise<void> {
    return new Promise((resolve) => {
      const go = () => {
        clearTimeout(timer);
        this.#onQuiet = null;
        resolve();
      };
      const timer = setTimeout(go, MAX_BACKGROUND_WAIT_MS);
      this.#onQuiet = go;
    });
  }
}

/** What drizzle's PGlite driver calls on its client. */
type PgliteClient = Pick<PGlite, "query" | "transaction">;

/** The client as one side of the gate sees it: every query and transaction passes through `side` first. */
export function gatedClient(
  client: PGlite,
  side: <T>(run: () => Promise<T>) => Promise<T>,
  /** Named statements for the texts that come often (pgliteStatements.ts); PGlite's own query without them. */
  statements?: PgliteStatements | null,
): PgliteClient {
  const query = statements ? statements.query : client.query.bind(client);
  return {
    query: ((text: string, params?: unknown[], options?: object) =>
      side(() => query(text, params, options))) as PGlite["query"],
    transaction: ((callback: Parameters<PGlite["transaction"]>[0]) =>
      side(() =>
        client.transaction(statements ? (tx) => callback(statements.within(tx)) : callback),
      )) as PGlite["transaction"],
  };
}
