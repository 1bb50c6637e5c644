import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { SentimentModelError } from "./sentimentModelError.ts";

/** What `optimum-cli export onnx --task text-classification` writes and Parley needs from it. */
export const REQUIRED_MODEL_FILES = ["model.onnx", "tokenizer.json", "config.json"] as const;

export interface ModelDirectory {
  dir: string;
  modelPath: string;
  tokenizerJson: Record<string, unknown>;
  /** tokenizer_config.json when the export has one (special-token names, length limit); empty otherwise. */
  tokenizerConfig: Record<string, unknown>;
  config: Record<string, unknown>;
}

function readJsonObject(dir: string, file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
  } catch (error) {
    throw new SentimentModelError(`${file} in ${dir} is not valid JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw new SentimentModelError(`${file} in ${dir} is not a JSON object`);
  return parsed as Record<string, unknown>;
}

/** Checks the directory holds every file (naming each one missing) and reads the JSON ones. */
export function readModelDirectory(dirSetting: string): ModelDirectory {
  const dir = path.resolve(dirSetting);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new SentimentModelError(`sentiment model directory ${dir} does not exist or is not a directory`);
  const missing = REQUIRED_MODEL_FILES.filter((file) => !existsSync(path.join(dir, file)));
  if (missing.length > 0)
    throw new SentimentModelError(
      `sentiment model directory ${dir} lacks ${missing.join(", ")} ` +
        `(it must hold ${REQUIRED_MODEL_FILES.join(", ")}, as an ONNX export from Hugging Face Optimum does)`,
    );
  const hasTokenizerConfig = existsSync(path.join(dir, "tokenizer_config.json"));
  return {
    dir,
    modelPath: path.join(dir, "model.onnx"),
    tokenizerJson: readJsonObject(dir, "tokenizer.json"),
    tokenizerConfig: hasTokenizerConfig ? readJsonObject(dir, "tokenizer_config.json") : {},
    config: readJsonObject(dir, "config.json"),
  };
}
