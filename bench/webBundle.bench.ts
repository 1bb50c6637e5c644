/**
 * Web bundle size: builds the agent UI as `npm run build:web` does (into a temporary directory, with Vite's
 * manifest) and prints one JSON object: the gzip (level 9), brotli and raw bytes of the initial JavaScript and
 * CSS that index.html loads, of the chunks loaded when a page is opened, and the budget of the initial bundle.
 * Usage: node bench/webBundle.bench.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildWebApp, INITIAL_BUNDLE_BUDGET_GZIP_BYTES, measureWebBundle } from "./webBundleSize.ts";

const outDir = mkdtempSync(path.join(os.tmpdir(), "parley-web-bundle-"));
try {
  await buildWebApp(outDir);
  const size = measureWebBundle(outDir);
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  console.log(
    JSON.stringify({
      bench: "webBundle",
      initial: {
        gzipKB: kb(size.initial.gzipBytes),
        brotliKB: kb(size.initial.brotliBytes),
        rawKB: kb(size.initial.bytes),
        files: size.initial.files.map((f) => ({ file: f.file, gzipKB: kb(f.gzipBytes) })),
      },
      lazy: {
        gzipKB: kb(size.lazy.gzipBytes),
        brotliKB: kb(size.lazy.brotliBytes),
        rawKB: kb(size.lazy.bytes),
        chunks: size.lazy.files.length,
        largest: size.lazy.files.slice(0, 5).map((f) => ({ file: f.file, gzipKB: kb(f.gzipBytes) })),
      },
      initialBudgetGzipKB: kb(INITIAL_BUNDLE_BUDGET_GZIP_BYTES),
      withinBudget: size.initial.gzipBytes <= INITIAL_BUNDLE_BUDGET_GZIP_BYTES,
    }),
  );
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
