import { execFile, spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export type PgToolName = "pg_dump" | "pg_restore";

export interface PgTool {
  name: PgToolName;
  path: string;
  /** As the tool prints it: "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)". */
  version: string;
  major: number;
}

/** Debian and Ubuntu install each major version's client beside the others; /usr/bin holds a wrapper. */
const DEBIAN_ROOT = "/usr/lib/postgresql";

/**
 * Finds `pg_dump` or `pg_restore` that can work with a server of `serverMajor`: the same major version first
 * (Debian's /usr/lib/postgresql/N/bin), else a newer one, else whatever PATH has. pg_dump refuses a server
 * newer than itself, and a pg_restore older than the pg_dump that wrote an archive may not read it, so an
 * older tool is refused here with the package to install rather than failing halfway.
 */
export async function findPgTool(name: PgToolName, serverMajor: number): Promise<PgTool> {
  const candidates: string[] = [];
  if (existsSync(DEBIAN_ROOT)) {
    const majors = readdirSync(DEBIAN_ROOT)
      .map(Number)
      .filter((major) => Number.isInteger(major) && major >= serverMajor)
      .sort((a, b) => a - b);
    for (const major of majors) candidates.push(`${DEBIAN_ROOT}/${major}/bin/${name}`);
  }
  candidates.push(name);
  let tooOld: PgTool | null = null;
  for (const candidate of candidates) {
    if (candidate.startsWith("/") && !existsSync(candidate)) continue;
    const tool = await probe(name, candidate);
    if (!tool) continue;
    if (tool.major >= serverMajor) return tool;
    tooOld ??= tool;
  }
  const install = `install PostgreSQL's client tools for version ${serverMajor} (Debian and Ubuntu: apt-get install postgresql-client-${serverMajor}, or postgresql-client where that is version ${serverMajor})`;
  if (tooOld)
    throw new Error(
      `${tooOld.path} is version ${tooOld.major}, older than the PostgreSQL ${serverMajor} server: ${install}.`,
    );
  throw new Error(`${name} was not found: ${install}.`);
}

async function probe(name: PgToolName, path: string): Promise<PgTool | null> {
  try {
    const { stdout } = await execFileAsync(path, ["--version"]);
    const version = stdout.trim();
    const match = /\)\s+(\d+)(?:\.\d+)?/.exec(version) ?? /(\d+)\.\d+/.exec(version);
    return match ? { name, path, version, major: Number(match[1]) } : null;
  } catch {
    return null;
  }
}

/**
 * libpq takes a connection URI as the database name. The password goes in PGPASSWORD instead of the command
 * line, where any user of the machine could read it in the process list.
 */
export function connectionForTool(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { dbname: parsed.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** Runs a client tool to the end, `input` on its stdin; its stderr becomes the error when it fails. */
export function runPgTool(
  tool: PgTool,
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: NodeJS.ReadableStream,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool.path, args, {
      env: { ...process.env, ...env },
      stdio: [input ? "pipe" : "ignore", "ignore", "pipe"],
    });
    if (input && child.stdin) {
      // A tool that stops reading (it failed) closes the pipe: its exit code and stderr tell why, not EPIPE.
      child.stdin.on("error", () => {});
      input.pipe(child.stdin);
    }
    let stderr = "";
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      // The first lines say what went wrong; keep a bounded amount.
      if (stderr.length < 20_000) stderr += chunk;
    });
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${tool.name} failed (${signal ?? `exit code ${code}`}): ${stderr.trim() || "no message"}`,
          ),
        );
    });
  });
}
