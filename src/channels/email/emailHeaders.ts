/**
 * Reading the threading headers (RFC 5322 §3.6.4): `In-Reply-To` and `References` hold one or more msg-ids,
 * `<left@right>`, separated by whitespace, commas or nothing, possibly folded over several lines and mixed with
 * comments by old clients. Only what sits between angle brackets counts (PLATFORMS.md §10).
 */
const MSG_ID = /<([^<>\s]+)>/g;

/** Every msg-id in a header value (or values), without brackets, in order, each once. */
export function messageIdsIn(value: string | readonly string[] | undefined | null): string[] {
  if (value === undefined || value === null) return [];
  const text = typeof value === "string" ? value : value.join(" ");
  const seen = new Set<string>();
  for (const match of text.replace(/\r?\n[ \t]+/g, " ").matchAll(MSG_ID)) {
    const id = match[1]!;
    if (id.includes("@") && !seen.has(id)) seen.add(id);
  }
  return [...seen];
}

/** One msg-id without brackets, or null when the header holds none (a bare word is not an id). */
export function firstMessageId(value: string | undefined | null): string | null {
  return messageIdsIn(value)[0] ?? null;
}

/** How a msg-id is written in a header. */
export const bracketed = (id: string): string => `<${id}>`;

/**
 * The References of a reply (RFC 5322 §3.6.4): the parent's References (or its In-Reply-To) followed by the
 * parent's own id. Long chains keep their first id (the thread's root) and the newest ones, so the header stays
 * readable by servers that cut long lines.
 */
export function referencesForReply(parentReferences: readonly string[], parentId: string | null): string[] {
  const chain =
    parentId && !parentReferences.includes(parentId)
      ? [...parentReferences, parentId]
      : [...parentReferences];
  const MAX = 20;
  if (chain.length <= MAX) return chain;
  return [chain[0]!, ...chain.slice(chain.length - (MAX - 1))];
}
