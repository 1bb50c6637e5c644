import {
  workItemsProcessed,
  workLoopFailures,
  workLoopRunDuration,
} from "../observability/processMetrics.ts";

/**
 * Runs a unit of work again and again: immediately while there is work, otherwise after `idleMs` or as soon
 * as `wake()` is called (LISTEN/NOTIFY). Errors are logged and retried after a pause, never thrown.
 */
export class WorkLoop {
  #running = false;
  #wakeUp: (() => void) | null = null;
  #done: Promise<void> | null = null;
  readonly #name: string;
  readonly #runOnce: () => Promise<number>;
  readonly #idleMs: number;
  readonly #onError: (err: unknown) => void;

  constructor(name: string, runOnce: () => Promise<number>, idleMs: number, onError: (err: unknown) => void) {
    this.#name = name;
    this.#runOnce = runOnce;
    this.#idleMs = idleMs;
    this.#onError = onError;
  }

  get name(): string {
    return this.#name;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#done = this.#loop();
  }

  wake(): void {
    this.#wakeUp?.();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await this.#done;
  }

  async #loop(): Promise<void> {
    while (this.#running) {
      let handled = 0;
      const stopTimer = workLoopRunDuration.startTimer({ loop: this.#name });
      try {
        handled = await this.#runOnce();
        stopTimer();
        workItemsProcessed.inc({ loop: this.#name }, handled);
      } catch (err) {
        stopTimer();
        workLoopFailures.inc({ loop: this.#name });
        this.#onError(err);
        await this.#sleep(Math.max(this.#idleMs, 1000));
        continue;
      }
      if (handled === 0) await this.#sleep(this.#idleMs);
    }
  }

  #sleep(ms: number): Promise<void> {
    // A stop that came while the run was under way found nobody asleep to wake: nobody must fall asleep now.
    if (!this.#running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wakeUp = () => {
        this.#wakeUp = null;
        done();
      };
    });
  }
}
