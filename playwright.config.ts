import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "test/e2e",
  timeout: 90_000,
  workers: 1,
  reporter: [["list"], ["json"]],
  use: {
    headless: true,
    launchOptions: {
      // Debian's Chromium; the flags keep it from reaching for the network this machine does not have.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
    screenshot: "only-on-failure",
    trace: "off",
  },
});
