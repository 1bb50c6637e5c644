import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listArchive, readEntry, streamEntry, writeArchive } from "./tarArchive.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "parley-tar-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const manifest = Buffer.from('{"format":"parley-backup"}\n');
const database = randomBytes(70_001);
const empty = Buffer.alloc(0);

async function archive(name: string): Promise<string> {
  const file = path.join(dir, name);
  const dump = path.join(dir, `${name}.dump`);
  writeFileSync(dump, database);
  await writeArchive(file, [
    { name: "manifest.json", mode: 0o644, source: { bytes: manifest } },
    { name: "postgres.pgdump", source: { path: dump, size: database.length } },
    { name: "empty", source: { bytes: empty } },
  ]);
  return file;
}

async function streamed(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("backup archives", () => {
  it("give back every entry byte for byte, from memory or from a file", async () => {
    const file = await archive("round-trip.tar");
    const entries = await listArchive(file);
    expect(entries.map(({ name, size }) => ({ name, size }))).toEqual([
      { name: "manifest.json", size: manifest.length },
      { name: "postgres.pgdump", size: database.length },
      { name: "empty", size: 0 },
    ]);
    expect(await readEntry(file, entries[0]!)).toEqual(manifest);
    expect(await streamed(streamEntry(file, entries[1]!))).toEqual(database);
    expect(await streamed(streamEntry(file, entries[2]!))).toEqual(empty);
  });

  it("never write over an existing file", async () => {
    const file = await archive("taken.tar");
    await expect(writeArchive(file, [{ name: "x", source: { bytes: manifest } }])).rejects.toThrow(/EEXIST/);
  });

  it.runIf(spawnSync("tar", ["--version"]).status === 0)(
    "are plain tar files that tar(1) reads",
    async () => {
      const file = await archive("for-tar.tar");
      const listing = spawnSync("tar", ["-tf", file], { encoding: "utf8" });
      expect(listing.stdout.trim().split("\n")).toEqual(["manifest.json", "postgres.pgdump", "empty"]);
      const out = path.join(dir, "extracted");
      spawnSync("mkdir", ["-p", out]);
      expect(spawnSync("tar", ["-xf", file, "-C", out]).status).toBe(0);
      expect(readFileSync(path.join(out, "postgres.pgdump"))).toEqual(database);
    },
  );

  it("refuse a file cut short or one that is not an archive", async () => {
    const file = await archive("cut.tar");
    truncateSync(file, 40_000);
    await expect(listArchive(file)).rejects.toThrow(/cut short/);
    const noise = path.join(dir, "noise.tar");
    writeFileSync(noise, randomBytes(2048));
    await expect(listArchive(noise)).rejects.toThrow(/not a Parley backup/);
  });
});
