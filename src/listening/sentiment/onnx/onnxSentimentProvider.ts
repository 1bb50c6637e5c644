import path from "node:path";
import { Tokenizer } from "@huggingface/tokenizers";
import type { InferenceSession } from "onnxruntime-node";
import type { ListeningLanguage } from "../../listeningTypes.ts";
import type { SentimentPrediction, SentimentProvider } from "../sentimentProvider.ts";
import { certainNeutral } from "../sentimentProvider.ts";
import { predictionFromLogits } from "./classProbabilities.ts";
import { type ModelDirectory, readModelDirectory } from "./modelDirectory.ts";
import { type ClassBuckets, classBucketsOf } from "./modelLabels.ts";
import { SentimentModelError } from "./sentimentModelError.ts";
import { TokenBatcher } from "./tokenBatch.ts";
import { paddingId, tokenLimit } from "./tokenizerSettings.ts";

type OnnxRuntime = typeof import("onnxruntime-node");

export interface OnnxSentimentOptions {
  /** ONNX Runtime's intra-op threads for one text batch; unset, ONNX Runtime uses every core. */
  threads?: number | undefined;
  /** Longest token sequence fed to the model; social posts rarely need more, and cost grows with the square. */
  maxTokens?: number | undefined;
  /** Most texts run through the model at once when analyze() calls pile up. */
  maxBatch?: number | undefined;
}

const DEFAULT_MAX_TOKENS = 256;
const DEFAULT_MAX_BATCH = 16;
/** The inputs a Hugging Face text-classification export takes; token_type_ids only in BERT-family models. */
const KNOWN_INPUTS = new Set(["input_ids", "attention_mask", "token_type_ids"]);

async function importOnnxRuntime(): Promise<OnnxRuntime> {
  try {
    return await import("onnxruntime-node");
  } catch (error) {
    throw new SentimentModelError(
      `onnxruntime-node cannot be loaded (${(error as Error).message}); it is an optional dependency: ` +
        "install without --omit=optional on a platform it ships binaries for (Linux, macOS, Windows)",
    );
  }
}

function createTokenizer(model: ModelDirectory): Tokenizer {
  try {
    return new Tokenizer(model.tokenizerJson, model.tokenizerConfig);
  } catch (error) {
    throw new SentimentModelError(
      `tokenizer.json in ${model.dir} cannot be used: ${(error as Error).message}`,
    );
  }
}

function checkInputs(session: InferenceSession, dir: string): void {
  const unknown = session.inputNames.filter((name) => !KNOWN_INPUTS.has(name));
  if (!session.inputNames.includes("input_ids") || unknown.length > 0)
    throw new SentimentModelError(
      `model.onnx in ${dir} takes inputs ${session.inputNames.join(", ")}; Parley feeds input_ids, ` +
        "attention_mask and (when declared) token_type_ids, as a text-classification export has",
    );
  for (const input of session.inputMetadata)
    if (input.isTensor && input.type !== "int64")
      throw new SentimentModelError(`model.onnx in ${dir}: input ${input.name} is ${input.type}, not int64`);
}

interface LoadedModel {
  dir: string;
  runtime: OnnxRuntime;
  session: InferenceSession;
  batcher: TokenBatcher;
  classes: ClassBuckets;
  outputName: string;
  maxBatch: number;
}

interface PendingText {
  text: string;
  resolve(prediction: SentimentPrediction): void;
  reject(error: unknown): void;
}

/**
 * A multilingual transformer exported to ONNX, run in-process by ONNX Runtime on the CPU. Texts asked for at
 * the same time are run as one batch, one batch at a time, so concurrent triage jobs share the threads
 * instead of fighting for them.
 */
export class OnnxSentimentProvider implements SentimentProvider {
  readonly name: string;
  /** What each of the model's output classes counts towards. */
  readonly classes: ClassBuckets;
  private readonly runtime: OnnxRuntime;
  private readonly session: InferenceSession;
  private readonly batcher: TokenBatcher;
  private readonly outputName: string;
  private readonly maxBatch: number;
  private readonly pending: PendingText[] = [];
  private draining = false;

  private constructor(parts: LoadedModel) {
    this.name = `onnx:${path.basename(parts.dir)}`;
    this.classes = parts.classes;
    this.runtime = parts.runtime;
    this.session = parts.session;
    this.batcher = parts.batcher;
    this.outputName = parts.outputName;
    this.maxBatch = parts.maxBatch;
  }

  /** Reads and checks the model directory; every problem is a SentimentModelError naming the file at fault. */
  static async load(dir: string, options: OnnxSentimentOptions = {}): Promise<OnnxSentimentProvider> {
    const model = readModelDirectory(dir);
    const classes = classBucketsOf(model.config.id2label);
    const tokenizer = createTokenizer(model);
    const runtime = await importOnnxRuntime();
    let session: InferenceSession;
    try {
      session = await runtime.InferenceSession.create(model.modelPath, {
        ...(options.threads ? { intraOpNumThreads: options.threads } : {}),
        interOpNumThreads: 1,
        executionMode: "sequential",
        graphOptimizationLevel: "all",
        // Exported transformers make ONNX Runtime print warnings (unused initializers…) straight to stderr,
        // outside Parley's log; errors still surface as exceptions.
        logSeverityLevel: 3,
      });
    } catch (error) {
      throw new SentimentModelError(
        `model.onnx in ${model.dir} cannot be loaded by ONNX Runtime: ${(error as Error).message}`,
      );
    }
    try {
      checkInputs(session, model.dir);
    } catch (error) {
      await session.release();
      throw error;
    }
    const outputName = session.outputNames.includes("logits")
      ? "logits"
      : (session.outputNames[0] ?? "logits");
    const declared = session.outputMetadata.find((output) => output.name === outputName);
    const declaredClasses = declared?.isTensor ? declared.shape.at(-1) : undefined;
    if (typeof declaredClasses === "number" && declaredClasses !== classes.length) {
      await session.release();
      throw new SentimentModelError(
        `model.onnx in ${model.dir} outputs ${declaredClasses} classes but config.json id2label names ${classes.length}`,
      );
    }
    const batcher = new TokenBatcher(
      tokenizer,
      tokenLimit(model, options.maxTokens ?? DEFAULT_MAX_TOKENS),
      paddingId(model, tokenizer),
    );
    const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
    const provider = new OnnxSentimentProvider({
      dir: model.dir,
      runtime,
      session,
      batcher,
      classes,
      outputName,
      maxBatch,
    });
    // Exports often leave the class axis unnamed, so only a real run shows a classifier that disagrees with
    // id2label; better at start-up than on the first customer message.
    try {
      await provider.runBatch(["Parley"]);
    } catch (error) {
      await session.release();
      throw new SentimentModelError(
        `model.onnx in ${model.dir} fails on a probe text: ${(error as Error).message}`,
      );
    }
    return provider;
  }

  /** The longest token sequence the model is fed. */
  get maxTokens(): number {
    return this.batcher.maxTokens;
  }

  /** One multilingual model for every language, so the language is not needed. */
  analyze(text: string, _language?: ListeningLanguage): Promise<SentimentPrediction> {
    return new Promise((resolve, reject) => {
      this.pending.push({ text, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Judges texts maxBatch at a time, each batch in one model run; empty texts are neutral without the model. */
  async analyzeBatch(texts: readonly string[]): Promise<SentimentPrediction[]> {
    const results: SentimentPrediction[] = [];
    // A transformer's memory grows with batch × length², so a caller's thousand texts must not be one run.
    for (let start = 0; start < texts.length; start += this.maxBatch)
      results.push(...(await this.runBatch(texts.slice(start, start + this.maxBatch))));
    return results;
  }

  /** One model run over texts padded to the longest. */
  private async runBatch(texts: readonly string[]): Promise<SentimentPrediction[]> {
    const results: SentimentPrediction[] = texts.map(() => certainNeutral());
    const rows = texts.flatMap((text, index) => (text.trim() === "" ? [] : [index]));
    if (rows.length === 0) return results;
    const batch = this.batcher.batch(rows.map((index) => texts[index] as string));
    const dims = [batch.rows, batch.length];
    const feeds: Record<string, InstanceType<OnnxRuntime["Tensor"]>> = {
      input_ids: new this.runtime.Tensor("int64", batch.inputIds, dims),
    };
    if (this.session.inputNames.includes("attention_mask"))
      feeds.attention_mask = new this.runtime.Tensor("int64", batch.attentionMask, dims);
    // A single text is segment 0 throughout.
    if (this.session.inputNames.includes("token_type_ids"))
      feeds.token_type_ids = new this.runtime.Tensor("int64", new BigInt64Array(batch.inputIds.length), dims);
    const output = (await this.session.run(feeds))[this.outputName];
    const expected = batch.rows * this.classes.length;
    if (
      !output ||
      (output.type !== "float32" && output.type !== "float64") ||
      output.data.length !== expected
    )
      throw new SentimentModelError(
        `the model's output ${this.outputName} is not ${this.classes.length} float logits per text ` +
          `(got ${output?.type} [${output?.dims.join(", ")}]); config.json id2label must match the classifier`,
      );
    const logits = output.data as Float32Array | Float64Array;
    rows.forEach((index, row) => {
      results[index] = predictionFromLogits(logits, row, this.classes);
    });
    return results;
  }

  async release(): Promise<void> {
    await this.session.release();
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending.splice(0, this.maxBatch);
      try {
        const predictions = await this.runBatch(group.map((item) => item.text));
        group.forEach((item, i) => {
          item.resolve(predictions[i] as SentimentPrediction);
        });
      } catch (error) {
        for (const item of group) item.reject(error);
      }
    }
    this.draining = false;
  }
}
