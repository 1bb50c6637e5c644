import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** The most gzip the browser may download before the inbox can show anything (issue 12). */
export const INITIAL_BUNDLE_BUDGET_GZIP_BYTES = 250 * 1024;

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** One entry of Vite's build manifest (`.vite/manifest.json`), keyed by source path. */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface AssetSize {
  file: string;
  bytes: number;
  /** gzip at level 9, as the build's precompressed .gz copies and the server's answer to a browser. */
  gzipBytes: number;
  brotliBytes: number;
}

export interface AssetGroup {
  files: AssetSize[];
  bytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

export interface WebBundleSize {
  /** What index.html loads before the app starts: the entry, its static imports, and their CSS. */
  initial: AssetGroup;
  /** Chunks fetched when a page is opened (settings, reports…), and their CSS. */
  lazy: AssetGroup;
}

/**
 * Builds the web app as `npm run build:web` does, into `outDir`, with Vite's manifest written beside it: the
 * manifest says which chunks the entry imports statically, so "initial" is exactly what the first page needs.
 */
export async function buildWebApp(outDir: string): Promise<void> {
  const { build } = await import("vite");
  await build({
    configFile: path.join(REPO, "web/vite.config.ts"),
    logLevel: "silent",
    build: { outDir, emptyOutDir: true, manifest: true },
  });
}

function sizeOf(outDir: string, file: string): AssetSize {
  const content = readFileSync(path.join(outDir, file));
  return {
    file,
    bytes: content.length,
    gzipBytes: gzipSync(content, { level: 9 }).length,
    brotliBytes: brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
    }).length,
  };
}

function group(files: AssetSize[]): AssetGroup {
  return {
    files: files.sort((a, b) => b.gzipBytes - a.gzipBytes),
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
    brotliBytes: files.reduce((sum, f) => sum + f.brotliBytes, 0),
  };
}

/** Sizes of the initial and the lazily loaded JavaScript and CSS of a build made by buildWebApp. */
export function measureWebBundle(outDir: string): WebBundleSize {
  const manifest = JSON.parse(readFileSync(path.join(outDir, ".vite/manifest.json"), "utf8")) as Record<
    string,
    ManifestChunk
  >;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entryKey) throw new Error("The build's manifest names no entry");
  const initial = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || initial.has(chunk.file)) return;
    initial.add(chunk.file);
    for (const css of chunk.css ?? []) initial.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entryKey);
  const every = new Set<string>();
  for (const chunk of Object.values(manifest)) {
    if (/\.(js|css)$/.test(chunk.file)) every.add(chunk.file);
    for (const css of chunk.css ?? []) every.add(css);
  }
  const lazy = [...every].filter((file) => !initial.has(file));
  return {
    initial: group([...initial].map((file) => sizeOf(outDir, file))),
    lazy: group(lazy.map((file) => sizeOf(outDir, file))),
  };
}
