import type { Tokenizer } from "@huggingface/tokenizers";
import type { ModelDirectory } from "./modelDirectory.ts";

type TokenizerFiles = Pick<ModelDirectory, "tokenizerJson" | "tokenizerConfig">;

/** The longest sequence to feed: what Parley asks for, lowered to any limit the tokenizer files state. */
export function tokenLimit(files: TokenizerFiles, requested: number): number {
  const limits = [requested];
  const truncation = files.tokenizerJson.truncation as { max_length?: unknown } | null | undefined;
  if (typeof truncation?.max_length === "number") limits.push(truncation.max_length);
  // tokenizer_config.json writes a huge number for "no limit".
  const configured = files.tokenizerConfig.model_max_length;
  if (typeof configured === "number" && configured < 100_000) limits.push(configured);
  return Math.max(2, Math.min(...limits));
}

/**
 * The padding token's id. The attention mask hides padding from the model, but RoBERTa-family graphs (XLM-R)
 * number positions by comparing ids with it, so it must be the model's own: <pad> is 1 there, [PAD] 0 in BERT.
 */
export function paddingId(files: TokenizerFiles, tokenizer: Tokenizer): number {
  const padding = files.tokenizerJson.padding as { pad_id?: unknown } | null | undefined;
  if (typeof padding?.pad_id === "number") return padding.pad_id;
  const named = files.tokenizerConfig.pad_token;
  for (const candidate of [typeof named === "string" ? named : undefined, "[PAD]", "<pad>"]) {
    const id = candidate === undefined ? undefined : tokenizer.token_to_id(candidate);
    if (id !== undefined) return id;
  }
  return 0;
}
