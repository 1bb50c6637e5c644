import { type LoadedChannel, loadChannel } from "./channelStore.ts";
import type { Db } from "./database.ts";
import type { SecretBox } from "./secretBox.ts";

/**
 * Webhooks for one channel arrive in bursts; looking the channel up and decrypting its secrets once a second
 * instead of per request keeps acknowledgements fast. The short lifetime bounds how long a changed or
 * disabled channel can be served from memory, with no cross-process invalidation needed.
 */
export class ChannelCache {
  readonly #entries = new Map<string, { at: number; value: Promise<LoadedChannel | null> }>();
  readonly #db: Db;
  readonly #box: SecretBox;
  readonly #ttlMs: number;

  constructor(db: Db, box: SecretBox, ttlMs = 1000) {
    this.#db = db;
    this.#box = box;
    this.#ttlMs = ttlMs;
  }

  get(channelId: string): Promise<LoadedChannel | null> {
    const now = Date.now();
    const hit = this.#entries.get(channelId);
    if (hit && now - hit.at < this.#ttlMs) return hit.value;
    const value = loadChannel(this.#db, this.#box, channelId);
    this.#entries.set(channelId, { at: now, value });
    // Failures and misses are not kept: the next request asks the database again.
    value.then(
      (v) => v === null && this.#entries.delete(channelId),
      () => this.#entries.delete(channelId),
    );
    if (this.#entries.size > 10_000) this.#entries.clear();
    return value;
  }
}
