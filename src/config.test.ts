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
