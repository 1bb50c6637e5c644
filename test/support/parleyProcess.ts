import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Role } from "../../src/config.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./testParley.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface ParleyProcessOptions {
  roles: Role[];
  /** Where the server listens; ignored by a worker-only process. */
  port: number;
  /** Shared by every process of one installation: PGlite keeps its data here. */
  dataDir: string;
  /** undefined: PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** The same key for every process, so each can open the channel credentials the others stored. */
  secretKey: string;
  outboxLeaseSeconds: number;
}

/** A key to share between the processes of one test installation. */
export function newSecretKey(): string {
  return randomBytes(32).toString("base64");
}

/**
 * The real program (`node src/main.ts start`) with the given roles, as an operator runs it, so that it can be
 * killed with SIGKILL like a crashed machine. Its last lines of output are kept for error messages.
 */
export class ParleyProcess {
  readonly options: ParleyProcessOptions;
  #child: ChildProcess | null = null;
  #output: string[] = [];
  #killing = false;
  /** Exits nobody asked for (a crash of its own, or a signal from outside), with how each ended. */
  readonly unexpectedExits: string[] = [];

  constructor(options: ParleyProcessOptions) {
    this.options = options;
  }

  get running(): boolean {
    return this.#child !== null;
  }

  get label(): string {
    return this.options.roles.join("+");
  }

  /** Starts the process and resolves once it says it is running (migrations applied, roles started). */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.#child) throw new Error(`${this.label} is already running`);
    const { options } = this;
    this.#output = [];
    const child = spawn(process.execPath, ["src/main.ts", "start"], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(options.port),
        PARLEY_ROLES: options.roles.join(","),
        PARLEY_DATA_DIR: options.dataDir,
        DATABASE_URL: options.databaseUrl ?? "",
        PARLEY_SECRET_KEY: options.secretKey,
        PARLEY_DEMO: "0",
        PARLEY_ADMIN_EMAIL: ADMIN_EMAIL,
        PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
        PARLEY_OUTBOX_LEASE_SECONDS: String(options.outboxLeaseSeconds),
        // The simulator the processes talk to listens on loopback.
        PARLEY_OUTBOUND_ALLOW_PRIVATE: "127.0.0.0/8,::1/128",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.#child = child;
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.label} did not start in ${timeoutMs} ms:\n${this.output()}`)),
        timeoutMs,
      );
      const onLine = (line: string) => {
        this.#output.push(line);
        if (this.#output.length > 40) this.#output.shift();
        // main.ts prints this once every role has started.
        if (line.includes("Parley is running at")) {
          clearTimeout(timer);
          resolve();
        }
      };
      for (const stream of [child.stdout, child.stderr]) {
        let rest = "";
        stream?.setEncoding("utf8");
        stream?.on("data", (chunk: string) => {
          const lines = (rest + chunk).split("\n");
          rest = lines.pop() ?? "";
          for (const line of lines) onLine(line);
        });
      }
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        if (this.#child === child) this.#child = null;
        if (!this.#killing) this.unexpectedExits.push(`${this.label} exited (${code ?? signal})`);
        reject(new Error(`${this.label} exited (${code ?? signal}) while starting:\n${this.output()}`));
      });
    });
    await ready;
  }

  /** SIGKILL: no shutdown code runs, as when a machine loses power. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    this.#killing = true;
    child.kill("SIGKILL");
    await exited;
    this.#killing = false;
    this.#child = null;
  }

  output(): string {
    return this.#output.join("\n");
  }
}
