import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirInUseError, type LockHolder } from "./dataDirLock.ts";

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "parley-lock-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const lockFile = (dir: string) => path.join(dir, "pglite.lock");
const holderIn = (dir: string) => JSON.parse(readFileSync(lockFile(dir), "utf8")) as LockHolder;
function writeHolder(dir: string, holder: Partial<LockHolder>): void {
  const mine = holderIn(dir);
  writeFileSync(lockFile(dir), JSON.stringify({ ...mine, ...holder }));
}

describe("the PGlite data directory lock", () => {
  it("lets one holder in at a time, this process included, and lets the next in after release", () => {
    const dir = dataDir();
    const first = acquireDataDirLock(dir);
    expect(holderIn(dir).pid).toBe(process.pid);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirInUseError);
    expect(() => acquireDataDirLock(dir)).toThrow(`is in use by process ${process.pid}`);
    first.release();
    expect(existsSync(lockFile(dir))).toBe(false);
    acquireDataDirLock(dir).release();
  });

  it("takes over the lock of a process that has exited", () => {
    const dir = dataDir();
    acquireDataDirLock(dir);
    const exited = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    });
    writeHolder(dir, { pid: Number(exited.stdout), startTicks: "1" });
    const lock = acquireDataDirLock(dir);
    expect(holderIn(dir).pid).toBe(process.pid);
    lock.release();
  });

  it.runIf(existsSync("/proc/self/stat"))(
    "does not mistake a reused process id for the holder that died",
    () => {
      const dir = dataDir();
      acquireDataDirLock(dir);
      // Same pid as a live process (this one), but another start time: the holder is gone.
      writeHolder(dir, { startTicks: "1", since: "2020-01-01T00:00:00.000Z" });
      const lock = acquireDataDirLock(dir);
      expect(holderIn(dir).since).not.toBe("2020-01-01T00:00:00.000Z");
      lock.release();
    },
  );

  it.runIf(existsSync("/proc/self/stat"))(
    "takes over the lock of a holder that exited but was not yet collected by its parent (a zombie)",
    async () => {
      const dir = dataDir();
      acquireDataDirLock(dir);
      // `sleep 0` exits under a shell that exec()s into `sleep 5`, which never collects it.
      const parent = spawn("sh", ["-c", "sleep 0 & echo $!; exec sleep 5"], {
        stdio: ["ignore", "pipe", "ignore"],
      });
      try {
        const pid = Number(
          await new Promise<string>((resolve) =>
            parent.stdout.once("data", (chunk) => resolve(String(chunk))),
          ),
        );
        let stat = "";
        for (let i = 0; i < 200 && !/\) Z /.test(stat); i++) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        }
        expect(stat).toMatch(/\) Z /);
        writeHolder(dir, { pid, startTicks: stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]! });
        const lock = acquireDataDirLock(dir);
        expect(holderIn(dir).pid).toBe(process.pid);
        lock.release();
      } finally {
        parent.kill();
      }
    },
  );

  it("treats a holder on another host as alive: it cannot be checked from here", () => {
    const dir = dataDir();
    acquireDataDirLock(dir);
    writeHolder(dir, { host: "another-host", pid: 1 });
    expect(() => acquireDataDirLock(dir)).toThrow("process 1 on host another-host");
  });

  it("never removes a lock that another process took over", () => {
    const dir = dataDir();
    const lock = acquireDataDirLock(dir);
    writeHolder(dir, { pid: process.pid + 1 });
    lock.release();
    expect(holderIn(dir).pid).toBe(process.pid + 1);
  });

  it("replaces a lock file cut short by a crash while it was written", () => {
    const dir = dataDir();
    writeFileSync(lockFile(dir), '{"pid": 12');
    const lock = acquireDataDirLock(dir);
    expect(holderIn(dir).pid).toBe(process.pid);
    lock.release();
  });
});
