import { createReadStream } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { Readable } from "node:stream";

/**
 * A backup is one plain tar file (POSIX ustar), so `tar -tvf` lists it and `tar -xOf … manifest.json` reads
 * its manifest on any machine; its parts are already compressed (PGlite's gzipped tarball, pg_dump's custom
 * format), so the outer file is not. Only what backups need: regular files, written and read in order.
 */

const BLOCK = 512;
/** The largest size an 11-digit octal field holds (8 GiB); larger sizes use the GNU base-256 form. */
const OCTAL_SIZE_LIMIT = 8 ** 11;

export interface ArchiveInput {
  name: string;
  /** File mode inside the archive; a secret key is written 0600 by the restore whatever this says. */
  mode?: number;
  source: { bytes: Uint8Array } | { path: string; size: number };
}

export interface ArchiveEntry {
  name: string;
  /** Where the entry's bytes start in the archive file. */
  offset: number;
  size: number;
}

/** Writes `entries` to a new file (never over an existing one), readable by its owner only, and syncs it. */
export async function writeArchive(file: string, entries: ArchiveInput[], mtime = new Date()): Promise<void> {
  const handle = await open(file, "wx", 0o600);
  try {
    for (const entry of entries) {
      const size = "bytes" in entry.source ? entry.source.bytes.length : entry.source.size;
      await handle.write(header(entry.name, size, entry.mode ?? 0o600, Math.floor(mtime.getTime() / 1000)));
      let written = 0;
      if ("bytes" in entry.source) {
        await handle.write(entry.source.bytes);
        written = entry.source.bytes.length;
      } else {
        for await (const chunk of createReadStream(entry.source.path)) {
          await handle.write(chunk as Buffer);
          written += (chunk as Buffer).length;
        }
      }
      if (written !== size) throw new Error(`${entry.name} changed size while it was archived`);
      const padding = (BLOCK - (size % BLOCK)) % BLOCK;
      if (padding) await handle.write(Buffer.alloc(padding));
    }
    await handle.write(Buffer.alloc(BLOCK * 2));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Lists the regular files of an archive with where their bytes are; refuses a damaged or cut-short file. */
export async function listArchive(file: string): Promise<ArchiveEntry[]> {
  const handle = await open(file, "r");
  try {
    const { size: fileSize } = await handle.stat();
    const entries: ArchiveEntry[] = [];
    let position = 0;
    for (;;) {
      const block = await readExactly(handle, position, BLOCK, file);
      if (block.every((byte) => byte === 0)) return entries;
      if (!checksumMatches(block)) throw new Error(`${file} is not a Parley backup (damaged tar header)`);
      const size = readSize(block);
      const offset = position + BLOCK;
      if (offset + size > fileSize)
        throw new Error(`${file} is cut short: it ends inside ${readName(block)}`);
      const type = String.fromCharCode(block[156] ?? 0);
      if (type === "0" || type === "\0") entries.push({ name: readName(block), offset, size });
      position = offset + Math.ceil(size / BLOCK) * BLOCK;
    }
  } finally {
    await handle.close();
  }
}

export async function readEntry(file: string, entry: ArchiveEntry): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    return await readExactly(handle, entry.offset, entry.size, file);
  } finally {
    await handle.close();
  }
}

/** The entry's bytes as a stream, without reading the whole archive into memory. */
export function streamEntry(file: string, entry: ArchiveEntry): NodeJS.ReadableStream {
  if (entry.size === 0) return Readable.from([]);
  return createReadStream(file, { start: entry.offset, end: entry.offset + entry.size - 1 });
}

async function readExactly(handle: FileHandle, position: number, length: number, file: string) {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) throw new Error(`${file} is cut short`);
    done += bytesRead;
  }
  return buffer;
}

function header(name: string, size: number, mode: number, mtime: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  if (Buffer.byteLength(name) > 100) throw new Error(`archive entry name too long: ${name}`);
  block.write(name, 0, 100, "utf8");
  writeOctal(block, 100, 8, mode);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  if (size < OCTAL_SIZE_LIMIT) writeOctal(block, 124, 12, size);
  else writeBase256(block, 124, 12, size);
  writeOctal(block, 136, 12, mtime);
  block.write("0", 156, "latin1");
  block.write("ustar\0", 257, "latin1");
  block.write("00", 263, "latin1");
  block.fill(0x20, 148, 156);
  const sum = block.reduce((total, byte) => total + byte, 0);
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "latin1");
  return block;
}

function writeOctal(block: Buffer, offset: number, length: number, value: number) {
  block.write(`${value.toString(8).padStart(length - 1, "0")}\0`, offset, length, "latin1");
}

function writeBase256(block: Buffer, offset: number, length: number, value: number) {
  let rest = BigInt(value);
  for (let i = offset + length - 1; i > offset; i--) {
    block[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  block[offset] = 0x80;
}

function checksumMatches(block: Buffer): boolean {
  const stored = Number.parseInt(
    block
      .toString("latin1", 148, 156)
      .replace(/[\0 ]+$/, "")
      .trim(),
    8,
  );
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return stored === sum;
}

function readSize(block: Buffer): number {
  if ((block[124]! & 0x80) !== 0) {
    let size = 0n;
    for (let i = 125; i < 136; i++) size = (size << 8n) | BigInt(block[i]!);
    return Number(size);
  }
  return Number.parseInt(block.toString("latin1", 124, 136).replace(/\0.*$/, "").trim() || "0", 8);
}

function readName(block: Buffer): string {
  const field = (start: number, length: number) => {
    const raw = block.subarray(start, start + length);
    const end = raw.indexOf(0);
    return raw.subarray(0, end === -1 ? length : end).toString("utf8");
  };
  const prefix = block.toString("latin1", 257, 262) === "ustar" ? field(345, 155) : "";
  return prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
}
