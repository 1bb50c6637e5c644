/**
 * PostgreSQL's text holds no NUL character, and jsonb refuses the escapes `\u0000` and an unpaired surrogate
 * (`\ud800`), which is how JSON.stringify writes them. Platforms send both now and then (a broken emoji cut in
 * half, a NUL pasted from a binary); such a body must still be stored, so these characters become U+FFFD and the
 * bytes as sent are kept beside (raw_events.raw_body, rejected_webhooks.raw_bytes).
 */
const REPLACEMENT = "\uFFFD";
/** Deeper than any platform's payload; past it a subtree is cut, so no walk or JSON.stringify runs out of stack. */
export const MAX_JSON_DEPTH = 100;
const TOO_DEEP = `[cut: nested deeper than ${MAX_JSON_DEPTH} levels]`;

/** A NUL, a high surrogate with no low one after it, or a low one with no high one before it. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSTORABLE_ONE = new RegExp(UNSTORABLE.source);

const needsChange = (text: string) => UNSTORABLE_ONE.test(text);

/** `text` as PostgreSQL can store it: NUL and unpaired surrogates replaced by U+FFFD. */
export function storableText(text: string): string {
  return needsChange(text) ? text.replace(UNSTORABLE, REPLACEMENT) : text;
}

export interface StorableJson {
  value: unknown;
  /** Some string (a value or a key) had to be changed. */
  changed: boolean;
}

/**
 * A copy of `value` whose strings and keys PostgreSQL's jsonb accepts; `value` itself when nothing needed a
 * change (the common case costs one walk and no copy). Only plain objects and arrays are walked: other objects
 * (a Date in a parsed event) are kept as they are. Subtrees deeper than MAX_JSON_DEPTH are cut (a change too).
 */
export function storableJson(value: unknown): StorableJson {
  let changed = false;
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === "string") {
      if (!needsChange(node)) return node;
      changed = true;
      return storableText(node);
    }
    if (depth > MAX_JSON_DEPTH && node !== null && typeof node === "object") {
      changed = true;
      return TOO_DEEP;
    }
    if (Array.isArray(node)) {
      let copy: unknown[] | null = null;
      for (let i = 0; i < node.length; i++) {
        const item = walk(node[i], depth + 1);
        if (item !== node[i]) {
          copy ??= node.slice();
          copy[i] = item;
        }
      }
      return copy ?? node;
    }
    if (node === null || typeof node !== "object" || Object.getPrototypeOf(node) !== Object.prototype)
      return node;
    const entries = Object.entries(node);
    let dirty = false;
    const cleaned = entries.map(([key, item]): [string, unknown] => {
      const cleanKey = needsChange(key) ? storableText(key) : key;
      const cleanItem = walk(item, depth + 1);
      if (cleanKey !== key || cleanItem !== item) dirty = true;
      return [cleanKey, cleanItem];
    });
    if (!dirty) return node;
    changed = true;
    return Object.fromEntries(cleaned);
  };
  const result = walk(value, 1);
  return { value: result, changed };
}

/**
 * Where `value` holds something PostgreSQL cannot store (a NUL or an unpaired surrogate in a string or a key) or
 * nests deeper than MAX_JSON_DEPTH, as a dotted path and a reason; undefined when it is all storable. Walks
 * without recursion, so no input can exhaust the stack.
 */
export function unstorablePart(value: unknown): { path: string; reason: string } | undefined {
  const stack: { node: unknown; path: string; depth: number }[] = [{ node: value, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!;
    if (typeof node === "string") {
      if (needsChange(node)) return { path, reason: "holds a NUL character or an unpaired surrogate" };
      continue;
    }
    if (node === null || typeof node !== "object") continue;
    if (depth >= MAX_JSON_DEPTH) return { path, reason: `nests deeper than ${MAX_JSON_DEPTH} levels` };
    for (const [key, item] of Object.entries(node)) {
      const itemPath = path ? `${path}.${key}` : key;
      if (needsChange(key))
        return { path: itemPath, reason: "is a key holding a NUL or an unpaired surrogate" };
      stack.push({ node: item, path: itemPath, depth: depth + 1 });
    }
  }
  return undefined;
}
