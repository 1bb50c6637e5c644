import { type ChildProcess, spawn } from "node:child_process";

export interface CommandEnv {
  dataDir: string;
  databaseUrl?: string | undefined;
}

export interface CommandOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `node src/main.ts …` as an operator would, with Parley's configuration in its environment. */
export function spawnParleyCommand(
  args: string[],
  env: CommandEnv,
): ChildProcess & { output: CommandOutcome } {
  const child = spawn(process.execPath, ["src/main.ts", ...args], {
    env: {
      ...process.env,
      PARLEY_DATA_DIR: env.dataDir,
      DATABASE_URL: env.databaseUrl ?? "",
      PARLEY_SECRET_KEY: "",
      LOG_LEVEL: "fatal",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: CommandOutcome = { code: null, stdout: "", stderr: "" };
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    output.stdout += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    output.stderr += chunk;
  });
  return Object.assign(child, { output });
}

/** Runs a command to its end. */
export function parleyCommand(args: string[], env: CommandEnv): Promise<CommandOutcome> {
  const child = spawnParleyCommand(args, env);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ ...child.output, code }));
  });
}
