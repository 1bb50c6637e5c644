import { mkdtempSync, readdirSync, rmSync, unlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentimentProvider } from "../../src/listening/sentiment/activeProvider.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { startTestParley } from "../support/testParley.ts";
import { writeTinySentimentModel } from "../support/tinySentimentModel.ts";

// Storage plays no part here, so one database is enough.
const target = dbTargets()[0] ?? { name: "pglite" as const };

describe("A larger sentiment model configured by PARLEY_SENTIMENT_MODEL_DIR", () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), "parley-sentiment-model-"));
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it("becomes the active provider at start-up, shown by /healthz, and the built-in one returns at stop", async () => {
    const modelDir = writeTinySentimentModel(path.join(root, "tiny-sentiment"));
    const app = await startTestParley(target, { roles: ["server"], sentimentModelDir: modelDir });
    try {
      const health = (await (await fetch(`${app.url}/healthz`)).json()) as { sentiment: string };
      expect(health.sentiment).toBe("onnx:tiny-sentiment");
      expect((await sentimentProvider().analyze("The order arrived broken, terrible", "en")).label).toBe(
        "negative",
      );
    } finally {
      await app.stop();
    }
    expect(sentimentProvider().name).toBe("builtin");
  });

  it("refuses to start, before touching the database, when a model file is missing", async () => {
    const modelDir = writeTinySentimentModel(path.join(root, "incomplete"));
    unlinkSync(path.join(modelDir, "config.json"));
    const dataDir = mkdtempSync(path.join(root, "data-"));
    await expect(
      startTestParley(target, { roles: ["server"], sentimentModelDir: modelDir, dataDir }),
    ).rejects.toThrow(
      /PARLEY_SENTIMENT_MODEL_DIR: sentiment model directory .*incomplete lacks config\.json/,
    );
    expect(readdirSync(dataDir)).toEqual([]);
    expect(sentimentProvider().name).toBe("builtin");
  });
});
