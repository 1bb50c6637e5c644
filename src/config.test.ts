import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";

describe("loadConfig: the optional sentiment model", () => {
  it("uses the built-in model unless a model directory is set", () => {
    const config = loadConfig({});
    expect(config.sentimentModelDir).toBeUndefined();
    expect(config.sentimentThreads).toBeUndefined();
  });

  it("reads the model directory as an absolute path and the thread count", () => {
    const config = loadConfig({ PARLEY_SENTIMENT_MODEL_DIR: "models/xlmr", PARLEY_SENTIMENT_THREADS: "2" });
    expect(config.sentimentModelDir).toBe(path.resolve("models/xlmr"));
    expect(config.sentimentThreads).toBe(2);
  });

  it("refuses a thread count that is not a whole number of at least one", () => {
    for (const threads of ["0", "-1", "1.5", "all"])
      expect(() => loadConfig({ PARLEY_SENTIMENT_THREADS: threads })).toThrow(
        `PARLEY_SENTIMENT_THREADS must be a whole number of at least 1, got "${threads}"`,
      );
  });
});

describe("loadConfig: private addresses outgoing requests may reach", () => {
  it("allows none outside demo mode unless listed", () => {
    expect(loadConfig({ PARLEY_DEMO: "0" }).outboundAllowPrivate).toEqual([]);
    expect(
      loadConfig({ PARLEY_DEMO: "0", PARLEY_OUTBOUND_ALLOW_PRIVATE: " 10.0.0.0/8, 192.168.5.20 ," })
        .outboundAllowPrivate,
    ).toEqual(["10.0.0.0/8", "192.168.5.20"]);
  });

  it("allows the simulator's loopback in demo mode, and an explicit list replaces that", () => {
    expect(loadConfig({}).outboundAllowPrivate).toEqual(["127.0.0.0/8", "::1/128", "127.0.0.1"]);
    expect(loadConfig({ HOST: "0.0.0.0" }).outboundAllowPrivate).toContain("0.0.0.0");
    expect(loadConfig({ PARLEY_OUTBOUND_ALLOW_PRIVATE: "" }).outboundAllowPrivate).toEqual([]);
  });
});

describe("loadConfig: trusted proxies", () => {
  it("reads none unless listed", () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ PARLEY_TRUSTED_PROXIES: "10.0.0.0/8, 192.168.1.2" }).trustedProxies).toEqual([
      "10.0.0.0/8",
      "192.168.1.2",
    ]);
  });
});
