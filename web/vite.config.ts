import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  build: { outDir: path.join(root, "dist"), emptyOutDir: true },
  server: {
    proxy: { "/api": "http://127.0.0.1:3000", "/webhooks": "http://127.0.0.1:3000" },
  },
});
