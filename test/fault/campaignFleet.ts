import type { Random } from "../../src/simulator/traffic/random.ts";
import { newSecretKey, ParleyProcess } from "../support/parleyProcess.ts";

type KillTarget = "server" | "worker" | "combined";

/**
 * The processes of one installation. On PostgreSQL, as at scale: one `PARLEY_ROLES=server` process and
 * `workers` `PARLEY_ROLES=worker` processes sharing the database. On PGlite, which one process owns, a single
 * process with both roles. A crash is a SIGKILL followed at once by a restart, as a supervisor would do.
 */
export class CampaignFleet {
  readonly server: ParleyProcess | null;
  readonly workers: ParleyProcess[];
  readonly combined: ParleyProcess | null;
  readonly kills: Record<KillTarget, number> = { server: 0, worker: 0, combined: 0 };

  constructor(options: {
    databaseUrl: string | undefined;
    dataDir: string;
    port: number;
    workers: number;
    leaseSeconds: number;
  }) {
    const base = {
      port: options.port,
      dataDir: options.dataDir,
      databaseUrl: options.databaseUrl,
      secretKey: newSecretKey(),
      outboxLeaseSeconds: options.leaseSeconds,
    };
    if (options.databaseUrl) {
      this.server = new ParleyProcess({ ...base, roles: ["server"] });
      this.workers = Array.from(
        { length: options.workers },
        () => new ParleyProcess({ ...base, roles: ["worker"] }),
      );
      this.combined = null;
    } else {
      this.server = null;
      this.workers = [];
      this.combined = new ParleyProcess({ ...base, roles: ["server", "worker"] });
    }
  }

  get description(): string {
    return this.combined
      ? "1 process with both roles (PGlite)"
      : `1 server + ${this.workers.length} worker process${this.workers.length === 1 ? "" : "es"} (PostgreSQL)`;
  }

  get all(): ParleyProcess[] {
    return [this.server, this.combined, ...this.workers].filter((p): p is ParleyProcess => p !== null);
  }

  /** The server first, so migrations and the first admin are made once; then the workers together. */
  async start(): Promise<void> {
    const first = this.server ?? this.combined!;
    await first.start();
    await Promise.all(this.workers.map((worker) => worker.start()));
  }

  /**
   * Which process each crash hits: half of them the server and half a worker picked at random (when both
   * exist), in random order. Drawn up front so that a seed replays the same plan.
   */
  plan(kills: number, random: Random): ParleyProcess[] {
    if (this.combined) return Array.from({ length: kills }, () => this.combined!);
    const victims = Array.from({ length: kills }, (_, k) =>
      k % 2 === 0 ? random.pick(this.workers) : this.server!,
    );
    for (let i = victims.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [victims[i], victims[j]] = [victims[j]!, victims[i]!];
    }
    return victims;
  }

  /** SIGKILLs the process and starts it again at once; resolves when it is back. */
  async crash(victim: ParleyProcess): Promise<void> {
    await victim.kill();
    this.kills[victim === this.server ? "server" : victim === this.combined ? "combined" : "worker"] += 1;
    await this.#restart(victim);
  }

  /** Starts a process, again if it dies while starting (each such death is kept in its `unexpectedExits`). */
  async #restart(process: ParleyProcess): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await process.start();
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
  }

  /** Every exit nobody asked for, of every process. */
  get unexpectedExits(): string[] {
    return this.all.flatMap((p) => p.unexpectedExits);
  }

  /** Starts whatever is not running (a process that died on its own counts as a finding, not a crash). */
  async ensureRunning(): Promise<number> {
    const down = this.all.filter((p) => !p.running);
    for (const process of down) await this.#restart(process);
    return down.length;
  }

  async stop(): Promise<void> {
    await Promise.all(this.all.map((p) => p.kill()));
  }
}
