import { Tokenizer } from "@huggingface/tokenizers";
import { describe, expect, it } from "vitest";
import { type TinyTokenizerKind, tinyTokenizerJson } from "../../../../test/support/tinySentimentModel.ts";
import { paddingId, tokenLimit } from "./tokenizerSettings.ts";

function files(kind: TinyTokenizerKind, tokenizerConfig: Record<string, unknown> = {}) {
  const tokenizerJson = tinyTokenizerJson(kind) as Record<string, unknown>;
  return { tokenizerJson, tokenizerConfig, tokenizer: new Tokenizer(tokenizerJson, tokenizerConfig) };
}

describe("tokenizer settings", () => {
  it("pads with the model's own padding token: [PAD] in BERT, <pad> in XLM-R", () => {
    const bert = files("wordpiece");
    expect(paddingId(bert, bert.tokenizer)).toBe(0);
    const xlmr = files("sentencepiece", { pad_token: "<pad>" });
    expect(paddingId(xlmr, xlmr.tokenizer)).toBe(1);
    const padded = files("sentencepiece");
    padded.tokenizerJson.padding = { pad_id: 3 };
    expect(paddingId(padded, padded.tokenizer)).toBe(3);
  });

  it("lowers the requested length to the limits the tokenizer files state, ignoring 'no limit'", () => {
    expect(tokenLimit(files("wordpiece"), 256)).toBe(256);
    expect(tokenLimit(files("sentencepiece", { model_max_length: 128 }), 256)).toBe(128);
    expect(tokenLimit(files("sentencepiece", { model_max_length: 1e30 }), 256)).toBe(256);
    const truncated = files("wordpiece");
    truncated.tokenizerJson.truncation = { max_length: 64 };
    expect(tokenLimit(truncated, 256)).toBe(64);
  });
});
