/** A loop this process may run: one per key (a polled channel, a streamed app), under a lease on that key. */
export interface LeasedLoop {
  key: string;
  channelId: string;
}

export interface LeasedLoopsSpec {
  /** In logs: "poller", "stream". */
  name: string;
  rescanMs: number;
  log: { warn(details: object, message: string): void };
  /** The loops that should run somewhere now (channels active and configured for it). */
  wanted(): Promise<LeasedLoop[]>;
  /** Takes or renews the key's lease; false while another live process holds it. */
  acquire(loop: LeasedLoop): Promise<boolean>;
  /** Runs until the signal aborts, the lease is lost or the loop is no longer wanted. */
  run(loop: LeasedLoop, signal: AbortSignal): Promise<void>;
  /** Gives back the lease of a loop that ended by itself. */
  release?(loop: LeasedLoop): Promise<void>;
  /** Gives back every lease this process holds, when it stops. */
  releaseAll(): Promise<void>;
}

/**
 * The skeleton shared by channel polling and platform streams: every `rescanMs`, each wanted loop not running here
 * is started if this process gets its lease; `stop()` aborts them all and gives the leases back. Of several worker
 * processes exactly one runs each key, and a dead holder's lease runs out for another to take.
 */
export class LeasedLoops {
  readonly #active = new Map<string, AbortController>();
  readonly #spec: LeasedLoopsSpec;
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;

  constructor(spec: LeasedLoopsSpec) {
    this.#spec = spec;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  start(): void {
    void this.#rescan();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    for (const controller of this.#active.values()) controller.abort();
    await this.#spec.releaseAll().catch(() => {});
  }

  async #rescan(): Promise<void> {
    if (this.#stopped) return;
    const spec = this.#spec;
    try {
      for (const loop of await spec.wanted()) {
        if (this.#active.has(loop.key) || !(await spec.acquire(loop))) continue;
        const controller = new AbortController();
        this.#active.set(loop.key, controller);
        void spec
          .run(loop, controller.signal)
          .catch((err: unknown) =>
            spec.log.warn({ channelId: loop.channelId, err: String(err) }, `${spec.name} loop failed`),
          )
          .finally(() => {
            this.#active.delete(loop.key);
            void spec.release?.(loop).catch(() => {});
          });
      }
    } catch (err) {
      spec.log.warn({ err: String(err) }, `${spec.name} rescan failed`);
    }
    if (!this.#stopped) this.#timer = setTimeout(() => void this.#rescan(), spec.rescanMs).unref();
  }
}

/** Sleeps for `ms`, or until the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    timer.unref();
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
