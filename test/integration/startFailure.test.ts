import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listenHttp } from "../../src/server/listen.ts";
import { createTestDatabase, dbTargets, type TestDatabase } from "../support/testDatabase.ts";
import { startTestParley, type TestParley } from "../support/testParley.ts";

describe.each(dbTargets())("a start that cannot listen, on $name", (target) => {
  const started: TestParley[] = [];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-start-"));
  let database: TestDatabase | undefined;
  afterAll(async () => {
    for (const parley of started) await parley.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("fails with the port taken, closes what it opened, and the next start on the same data goes through", async () => {
    // Another program holds the port.
    const holder = await listenHttp(() => new Response("someone else"), 0);
    database = target.name === "postgres" ? await createTestDatabase(target) : undefined;
    const on = { dataDir, databaseUrl: database?.databaseUrl, roles: ["server", "worker"] as const };
    try {
      await expect(
        startTestParley(target, { ...on, roles: [...on.roles], port: holder.port }),
      ).rejects.toMatchObject({ code: "EADDRINUSE" });
    } finally {
      await holder.close();
    }
    // The embedded database's lock and the pool were let go: a start on the same data works.
    const next = await startTestParley(target, { ...on, roles: [...on.roles] });
    started.push(next);
    expect((await fetch(`${next.url}/healthz`)).status).toBe(200);
  });
});
