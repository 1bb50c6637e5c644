/** A model directory Parley cannot use; the message names the directory and the file or setting at fault. */
export class SentimentModelError extends Error {
  override name = "SentimentModelError";
}
