import type { Tokenizer } from "@huggingface/tokenizers";

/** Token ids of a batch, row after row, padded to the longest row: the layout ONNX Runtime takes as int64 [batch, length]. */
export interface TokenBatch {
  rows: number;
  length: number;
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
}

/**
 * No token is shorter than this many characters on average in any tokenizer Parley expects, so cutting a text
 * there before tokenizing loses nothing the model would see, and bounds the work a hostile multi-megabyte text costs.
 */
const MAX_CHARS_PER_TOKEN = 32;

/** Compares a probe's ids with and without special tokens to see how many the post-processor puts after the text. */
function closingTokenCount(tokenizer: Tokenizer): number {
  const probe = "hello world";
  const full: number[] = tokenizer.encode(probe).ids;
  const bare: number[] = tokenizer.encode(probe, { add_special_tokens: false }).ids;
  for (let leading = 0; leading + bare.length <= full.length; leading++)
    if (bare.every((id, i) => full[leading + i] === id)) return full.length - leading - bare.length;
  return 0;
}

export class TokenBatcher {
  private readonly tokenizer: Tokenizer;
  /** How many special tokens the tokenizer appends after the text ([SEP], </s>): kept when a text is cut. */
  private readonly closingTokens: number;
  /** The longest sequence fed to the model, special tokens included. */
  readonly maxTokens: number;
  /** The model's padding token (see paddingId). */
  readonly padId: number;

  constructor(tokenizer: Tokenizer, maxTokens: number, padId: number) {
    this.tokenizer = tokenizer;
    this.maxTokens = maxTokens;
    this.padId = padId;
    this.closingTokens = closingTokenCount(tokenizer);
  }

  /** The text's ids with the tokenizer's own special tokens, cut to maxTokens while keeping the closing ones. */
  encode(text: string): number[] {
    let bounded = text.slice(0, this.maxTokens * MAX_CHARS_PER_TOKEN);
    const last = bounded.charCodeAt(bounded.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) bounded = bounded.slice(0, -1);
    const ids = this.tokenizer.encode(bounded).ids;
    if (ids.length <= this.maxTokens) return ids;
    // [CLS] … [SEP] or <s> … </s>: the model was trained to see the closing token, so keep it after the cut.
    const closing = Math.min(this.closingTokens, this.maxTokens - 1);
    return [...ids.slice(0, this.maxTokens - closing), ...ids.slice(ids.length - closing)];
  }

  batch(texts: readonly string[]): TokenBatch {
    const encoded = texts.map((text) => this.encode(text));
    const length = Math.max(1, ...encoded.map((ids) => ids.length));
    const inputIds = new BigInt64Array(texts.length * length).fill(BigInt(this.padId));
    const attentionMask = new BigInt64Array(texts.length * length);
    encoded.forEach((ids, row) => {
      ids.forEach((id, column) => {
        inputIds[row * length + column] = BigInt(id);
        attentionMask[row * length + column] = 1n;
      });
    });
    return { rows: texts.length, length, inputIds, attentionMask };
  }
}
