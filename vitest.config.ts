import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "web/src/**/*.test.ts", "scripts/**/*.test.ts"],
          environment: "node",
          // Fake platforms listen on loopback: allow it, as PARLEY_OUTBOUND_ALLOW_PRIVATE does for a deployment.
          setupFiles: ["test/support/allowLoopbackOutbound.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration files each open their own databases; running them one at a time keeps a 2-core CI steady.
          fileParallelism: false,
        },
      },
    ],
  },
});
