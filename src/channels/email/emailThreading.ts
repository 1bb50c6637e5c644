import { createHash } from "node:crypto";

/**
 * Which conversation an e-mail belongs to, from its headers only, never its subject (PLATFORMS.md §10):
 * 1. a Message-ID Parley issued appears in In-Reply-To or References: the thread that id names (ours carry it);
 * 2. otherwise the thread's root, the first id of References, else In-Reply-To, else the mail's own id.
 * Every mail of a thread written by a standards-following client names the same root, so each lands in the same
 * conversation without a lookup, and a client that keeps only In-Reply-To still threads through our own ids.
 */
export interface ThreadHeaders {
  messageId: string;
  inReplyTo: readonly string[];
  references: readonly string[];
}

/** Our ids: `parley.<thread>.<send>@<domain>`; `thread` is the conversation's hash, `send` the outbox key's. */
const OWN_ID = /^parley\.([0-9a-f]{32})\.([0-9a-f]{24})@/;

export function threadHashOf(rootMessageId: string): string {
  return createHash("sha256").update(rootMessageId.toLowerCase()).digest("hex").slice(0, 32);
}

export function threadKeyOf(headers: ThreadHeaders): string {
  return `email:${threadHashFor(headers)}`;
}

export function threadHashFor(headers: ThreadHeaders): string {
  for (const id of [...headers.inReplyTo, ...headers.references]) {
    const own = OWN_ID.exec(id);
    if (own) return own[1]!;
  }
  const root = headers.references[0] ?? headers.inReplyTo[0] ?? headers.messageId;
  return threadHashOf(root);
}

/**
 * The Message-ID of one outbound reply. It is derived from the outbox item's idempotency key, so a retry after a
 * crash sends the very same mail (receiving servers and clients fold copies with one id), and it names the thread
 * so the customer's answer threads back even from a client that drops References.
 */
export function ownMessageId(threadHash: string, idempotencyKey: string, domain: string): string {
  const send = createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 24);
  return `parley.${threadHash}.${send}@${domain}`;
}

export function isOwnMessageId(id: string): boolean {
  return OWN_ID.test(id);
}
