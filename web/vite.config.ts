import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { compression, defineAlgorithm } from "vite-plugin-compression2";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: "/",
  plugins: [
    react(),
    // Brotli and gzip copies of every asset, made once at build time at the highest level, so the server
    // sends the smaller one without compressing on each request.
    compression({
      algorithms: [defineAlgorithm("brotliCompress"), defineAlgorithm("gzip", { level: 9 })],
      threshold: 1024,
    }),
  ],
  build: { outDir: path.join(root, "dist"), emptyOutDir: true },
  server: {
    proxy: { "/api": "http://127.0.0.1:3000", "/webhooks": "http://127.0.0.1:3000" },
  },
});
