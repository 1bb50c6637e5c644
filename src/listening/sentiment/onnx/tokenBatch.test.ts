import { Tokenizer } from "@huggingface/tokenizers";
import { describe, expect, it } from "vitest";
import { tinyTokenizerJson } from "../../../../test/support/tinySentimentModel.ts";
import { TokenBatcher } from "./tokenBatch.ts";

const tokenizer = new Tokenizer(tinyTokenizerJson() as object, {});
const CLS = tokenizer.token_to_id("[CLS]");
const SEP = tokenizer.token_to_id("[SEP]");
const GREAT = tokenizer.token_to_id("great");

describe("TokenBatcher", () => {
  it("cuts a long text to maxTokens and keeps the closing special token", () => {
    const ids = new TokenBatcher(tokenizer, 5, 0).encode("great ".repeat(100));
    expect(ids).toEqual([CLS, GREAT, GREAT, GREAT, SEP]);
  });

  it("bounds a multi-megabyte text before tokenizing it", () => {
    const ids = new TokenBatcher(tokenizer, 4, 0).encode("x".repeat(5_000_000));
    expect(ids).toHaveLength(3);
  });

  it("pads rows to the longest with the model's padding id and masks the padding out", () => {
    const batch = new TokenBatcher(tokenizer, 16, 7).batch(["great great", "great"]);
    expect(batch.rows).toBe(2);
    expect(batch.length).toBe(4);
    expect([...batch.inputIds].map(Number)).toEqual([CLS, GREAT, GREAT, SEP, CLS, GREAT, SEP, 7]);
    expect([...batch.attentionMask].map(Number)).toEqual([1, 1, 1, 1, 1, 1, 1, 0]);
  });
});

describe("TokenBatcher with an XLM-R-style SentencePiece tokenizer", () => {
  it("keeps </s> after the cut", () => {
    const sentencePiece = new Tokenizer(tinyTokenizerJson("sentencepiece") as object, {});
    const ids = new TokenBatcher(sentencePiece, 4, 1).encode("great ".repeat(50));
    const great = sentencePiece.token_to_id("\u2581great");
    expect(ids).toEqual([sentencePiece.token_to_id("<s>"), great, great, sentencePiece.token_to_id("</s>")]);
  });
});
