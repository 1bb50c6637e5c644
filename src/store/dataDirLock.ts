import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const LOCK_FILE = "pglite.lock";

/** Who holds a PGlite data directory: enough to tell a live holder from one that died without cleaning up. */
export interface LockHolder {
  pid: number;
  host: string;
  /** Linux only: the kernel's boot id and the process's start time in clock ticks, so a reused pid is not "alive". */
  bootId: string | null;
  startTicks: string | null;
  command: string;
  since: string;
}

export class DataDirInUseError extends Error {
  readonly holder: LockHolder;
  constructor(dataDir: string, holder: LockHolder) {
    const where = holder.host === os.hostname() ? "" : ` on host ${holder.host}`;
    super(
      `The PGlite data directory ${dataDir} is in use by process ${holder.pid}${where} ` +
        `(since ${holder.since}: ${holder.command}). Stop that Parley first: PGlite is a database for one ` +
        `process, and a second one opening the same files corrupts them. If no such process runs any more, ` +
        `delete ${path.join(dataDir, LOCK_FILE)}.`,
    );
    this.name = "DataDirInUseError";
    this.holder = holder;
  }
}

export interface DataDirLock {
  readonly dataDir: string;
  release(): void;
}

/**
 * PGlite keeps no lock of its own: two processes can open one data directory and both write, each with its
 * own idea of shared memory, which loses or corrupts data. So every Parley process that opens the embedded
 * database (start, migrate, backup, restore, move-to-postgres) takes this lock file first, and refuses while
 * another live process holds it.
 *
 * Like PostgreSQL's postmaster.pid: created with O_EXCL; a file left by a process that died is taken over. Two
 * processes taking over the same stale file in the same instant could both win; PostgreSQL accepts that
 * window too (CreateLockFile in src/backend/utils/init/miscinit.c), and it needs a crash followed by two
 * simultaneous starts.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const me = describeThisProcess();
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      writeFileSync(file, `${JSON.stringify(me, null, 2)}\n`, { flag: "wx", mode: 0o644 });
      return lockFor(dataDir, file, me);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const holder = readHolder(file);
    if (holder && holderIsAlive(holder)) throw new DataDirInUseError(dataDir, holder);
    // Stale (or unreadable, e.g. cut short by a crash while being written): remove it and try again.
    try {
      unlinkSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
  throw new Error(`Could not take the lock ${file}: it keeps coming back`);
}

function lockFor(dataDir: string, file: string, me: LockHolder): DataDirLock {
  let held = true;
  return {
    dataDir,
    release() {
      if (!held) return;
      held = false;
      // Only our own file: never remove a lock another process took over after ours was judged stale.
      const current = readHolder(file);
      if (current && current.pid === me.pid && current.since === me.since) unlinkSync(file);
    },
  };
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<LockHolder>;
    if (typeof parsed.pid !== "number" || typeof parsed.host !== "string") return null;
    return {
      pid: parsed.pid,
      host: parsed.host,
      bootId: parsed.bootId ?? null,
      startTicks: parsed.startTicks ?? null,
      command: parsed.command ?? "unknown command",
      since: parsed.since ?? "an unknown time",
    };
  } catch {
    return null;
  }
}

let sinceOfThisProcess: string | null = null;

function describeThisProcess(): LockHolder {
  sinceOfThisProcess ??= new Date().toISOString();
  return {
    pid: process.pid,
    host: os.hostname(),
    bootId: linuxBootId(),
    startTicks: linuxStartTicks(process.pid),
    command: process.argv.slice(1).join(" "),
    since: sinceOfThisProcess,
  };
}

/** True when the holder may still be running; on another host we cannot tell, so we assume it is. */
export function holderIsAlive(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return true;
  const bootId = linuxBootId();
  if (bootId && holder.bootId && holder.bootId !== bootId) return false;
  if (bootId && holder.startTicks) {
    const now = linuxProcessStat(holder.pid);
    // A zombie has exited; only its parent has not collected its status yet.
    return now !== null && now.startTicks === holder.startTicks && now.state !== "Z" && now.state !== "X";
  }
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function linuxBootId(): string | null {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return null;
  }
}

function linuxStartTicks(pid: number): string | null {
  return linuxProcessStat(pid)?.startTicks ?? null;
}

/** Fields 3 and 22 of /proc/PID/stat; the command name before them may hold spaces and ")", so count from the last ")". */
function linuxProcessStat(pid: number): { state: string; startTicks: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[0] && fields[19] ? { state: fields[0], startTicks: fields[19] } : null;
  } catch {
    return null;
  }
}
