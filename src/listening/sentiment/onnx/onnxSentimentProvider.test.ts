import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTinySentimentModel } from "../../../../test/support/tinySentimentModel.ts";
import { OnnxSentimentProvider } from "./onnxSentimentProvider.ts";
import { SentimentModelError } from "./sentimentModelError.ts";

let root: string;
let provider: OnnxSentimentProvider;
const opened: OnnxSentimentProvider[] = [];

function modelDir(name: string, options: Parameters<typeof writeTinySentimentModel>[1] = {}): string {
  return writeTinySentimentModel(path.join(root, name), options);
}

async function load(dir: string, options: { maxTokens?: number } = {}): Promise<OnnxSentimentProvider> {
  const loaded = await OnnxSentimentProvider.load(dir, { threads: 1, ...options });
  opened.push(loaded);
  return loaded;
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), "parley-onnx-"));
  provider = await load(modelDir("tiny-sentiment"));
});
afterAll(async () => {
  for (const loaded of opened) await loaded.release();
  rmSync(root, { recursive: true, force: true });
});

describe("OnnxSentimentProvider with a tiny model", () => {
  it("names itself after the model directory", () => {
    expect(provider.name).toBe("onnx:tiny-sentiment");
  });

  it("labels texts in several languages as the model's words push them", async () => {
    const complaint = await provider.analyze("The delivery was TERRIBLE!", "en");
    expect(complaint.label).toBe("negative");
    expect(complaint.score).toBeLessThan(-0.5);
    expect((await provider.analyze("Świetnie, спасибо", "pl")).label).toBe("positive");
    expect((await provider.analyze("Заказ ужасно", "ru")).label).toBe("negative");
    expect((await provider.analyze("lieliski!", "lv")).label).toBe("positive");
    const calm = await provider.analyze("My order arrived today.", "en");
    expect(calm.label).toBe("neutral");
    for (const prediction of [complaint, calm]) {
      const { negative, neutral, positive } = prediction.probabilities;
      expect(negative + neutral + positive).toBeCloseTo(1, 5);
      expect(prediction.score).toBeCloseTo(positive - negative, 6);
    }
  });

  it("calls empty and blank text neutral without doubt", async () => {
    for (const text of ["", "   \n"])
      expect(await provider.analyze(text, "en")).toEqual({
        label: "neutral",
        score: 0,
        probabilities: { negative: 0, neutral: 1, positive: 0 },
      });
  });

  it("calls a text of words the model does not know neutral", async () => {
    const prediction = await provider.analyze("xyzzy qwerty plugh", "en");
    expect(prediction.label).toBe("neutral");
    expect(prediction.probabilities.neutral).toBeGreaterThan(0.4);
    expect(Math.abs(prediction.score)).toBeLessThan(0.01);
  });

  it("reads only the first maxTokens tokens of a long text", async () => {
    const praiseThenComplaints = `${"great ".repeat(6)}${"terrible ".repeat(5000)}`;
    const short = await load(modelDir("short-window"), { maxTokens: 8 });
    expect(short.maxTokens).toBe(8);
    expect((await short.analyze(praiseThenComplaints, "en")).label).toBe("positive");
    expect((await provider.analyze(praiseThenComplaints, "en")).label).toBe("negative");
  });

  it("gives each text of a padded batch the same judgement as alone, also when calls pile up", async () => {
    const texts = [
      "terrible",
      "",
      "great great great, thanks for the perfect order",
      "the order",
      "awful refund",
    ];
    const batch = await provider.analyzeBatch(texts);
    expect(batch.map((p) => p.label)).toEqual(["negative", "neutral", "positive", "neutral", "negative"]);
    const alone: number[] = [];
    for (const text of texts) alone.push((await provider.analyzeBatch([text]))[0]?.score ?? Number.NaN);
    const concurrent = await Promise.all(texts.map((text) => provider.analyze(text, "en")));
    texts.forEach((_, i) => {
      expect(batch[i]?.score).toBeCloseTo(alone[i] ?? Number.NaN, 5);
      expect(concurrent[i]?.score).toBeCloseTo(batch[i]?.score ?? Number.NaN, 5);
    });
  });

  it("maps classes by config.json, whatever their order or naming", async () => {
    const reference = await provider.analyzeBatch(["terrible", "the order", "love it"]);
    for (const [name, labels] of [
      ["reordered", ["positive", "negative", "neutral"]],
      ["generic", ["LABEL_0", "LABEL_1", "LABEL_2"]],
      ["abbreviated", ["NEU", "POS", "NEG"]],
    ] as const) {
      const other = await load(modelDir(name, { labels: [...labels] }));
      const predictions = await other.analyzeBatch(["terrible", "the order", "love it"]);
      expect(predictions.map((p) => p.label)).toEqual(["negative", "neutral", "positive"]);
      predictions.forEach((p, i) => {
        expect(p.probabilities.negative).toBeCloseTo(reference[i]?.probabilities.negative ?? Number.NaN, 5);
      });
    }
  });

  it("runs a long list of texts in batches of maxBatch, in order", async () => {
    const small = await OnnxSentimentProvider.load(path.join(root, "tiny-sentiment"), {
      threads: 1,
      maxBatch: 2,
    });
    opened.push(small);
    const texts = ["terrible", "great", "the order", "awful", "", "thanks"];
    const labels = (await small.analyzeBatch(texts)).map((p) => p.label);
    expect(labels).toEqual(["negative", "positive", "neutral", "negative", "neutral", "positive"]);
  });

  it("reads an XLM-R-style SentencePiece tokenizer as well", async () => {
    const xlmr = await load(modelDir("xlmr-like", { tokenizer: "sentencepiece" }));
    const predictions = await xlmr.analyzeBatch([
      "The delivery was TERRIBLE!",
      "Świetnie, спасибо",
      "my order",
      "xyzzy",
    ]);
    expect(predictions.map((p) => p.label)).toEqual(["negative", "positive", "neutral", "neutral"]);
    expect(xlmr.maxTokens).toBe(256);
  });

  it("feeds token_type_ids only to a model that declares it", async () => {
    const bertLike = await load(modelDir("bert-like", { tokenTypeIds: true }));
    expect((await bertLike.analyze("great", "en")).label).toBe("positive");
    // The plain model would refuse an input it does not declare, so this also shows none was sent to it.
    expect((await provider.analyze("great", "en")).label).toBe("positive");
  });
});

describe("OnnxSentimentProvider refuses a model directory it cannot use", () => {
  it("names the missing file", async () => {
    const dir = modelDir("no-tokenizer");
    unlinkSync(path.join(dir, "tokenizer.json"));
    await expect(OnnxSentimentProvider.load(dir)).rejects.toThrow(/lacks tokenizer\.json/);
    await expect(OnnxSentimentProvider.load(path.join(root, "nowhere"))).rejects.toThrow(
      /nowhere does not exist or is not a directory/,
    );
  });

  it("says when model.onnx is not a model ONNX Runtime can load", async () => {
    const dir = modelDir("corrupt-model");
    writeFileSync(path.join(dir, "model.onnx"), "this is not a protobuf model");
    const loading = OnnxSentimentProvider.load(dir, { threads: 1 });
    await expect(loading).rejects.toBeInstanceOf(SentimentModelError);
    await expect(loading).rejects.toThrow(/model\.onnx in .*corrupt-model cannot be loaded by ONNX Runtime/);
  });

  it("says which JSON file is broken", async () => {
    const dir = modelDir("broken-config");
    writeFileSync(path.join(dir, "config.json"), '{"id2label": {');
    await expect(OnnxSentimentProvider.load(dir)).rejects.toThrow(/config\.json in .* is not valid JSON/);
  });

  it("refuses classes that are not sentiment, and a classifier that disagrees with config.json", async () => {
    const emotions = modelDir("emotions");
    writeFileSync(
      path.join(emotions, "config.json"),
      JSON.stringify({ id2label: { 0: "joy", 1: "anger", 2: "fear" } }),
    );
    await expect(OnnxSentimentProvider.load(emotions)).rejects.toThrow(/"joy" is not a sentiment class/);
    const twoNames = modelDir("two-names");
    writeFileSync(
      path.join(twoNames, "config.json"),
      JSON.stringify({ id2label: { 0: "negative", 1: "positive" } }),
    );
    await expect(OnnxSentimentProvider.load(twoNames, { threads: 1 })).rejects.toThrow(
      /outputs 3 classes but config\.json id2label names 2/,
    );
    await expect(
      OnnxSentimentProvider.load(modelDir("integer-logits", { integerLogits: true }), { threads: 1 }),
    ).rejects.toThrow(
      /fails on a probe text: the model's output logits is not 3 float logits per text \(got int64/,
    );
  });
});
