import type { Logger } from "../../logger.ts";
import { sentimentProvider, setSentimentProvider } from "./activeProvider.ts";
import type { OnnxSentimentProvider } from "./onnx/onnxSentimentProvider.ts";
import { SentimentModelError } from "./onnx/sentimentModelError.ts";

export interface SentimentModelSettings {
  sentimentModelDir?: string | undefined;
  sentimentThreads?: number | undefined;
}

/** One ONNX Runtime session per model per process, however often Parley is started in it (tests, benchmarks). */
const loaded = new Map<string, Promise<OnnxSentimentProvider>>();

async function loadOnce(dir: string, threads: number | undefined): Promise<OnnxSentimentProvider> {
  const key = `${dir}\0${threads ?? ""}`;
  let loading = loaded.get(key);
  if (!loading) {
    // Imported here so a Parley without a model never loads the native runtime.
    loading = import("./onnx/onnxSentimentProvider.ts").then(({ OnnxSentimentProvider }) =>
      OnnxSentimentProvider.load(dir, { threads }),
    );
    loaded.set(key, loading);
    loading.catch(() => loaded.delete(key));
  }
  return loading;
}

/**
 * Makes the model an admin configured the active sentiment provider, or leaves the built-in one when none is.
 * A directory that cannot be used stops the start with a message naming the setting and the file at fault:
 * silently judging with another model than the one asked for would be worse. Returns how to restore the
 * provider that was active before.
 */
export async function activateConfiguredSentimentProvider(
  settings: SentimentModelSettings,
  log: Logger,
): Promise<() => void> {
  if (!settings.sentimentModelDir) return () => {};
  let provider: OnnxSentimentProvider;
  try {
    provider = await loadOnce(settings.sentimentModelDir, settings.sentimentThreads);
  } catch (error) {
    if (error instanceof SentimentModelError)
      throw new SentimentModelError(`PARLEY_SENTIMENT_MODEL_DIR: ${error.message}`);
    throw error;
  }
  const previous = sentimentProvider();
  setSentimentProvider(provider);
  log.info(
    { provider: provider.name, classes: provider.classes, maxTokens: provider.maxTokens },
    "sentiment model loaded",
  );
  return () => setSentimentProvider(previous);
}
