import type { MetaItem } from "./metaWebhook.ts";

type Json = Record<string, unknown>;

/** A webhook field as a string, for ids Meta sends sometimes as numbers and sometimes as strings. */
export const str = (value: unknown): string | undefined =>
  typeof value === "string" || typeof value === "number" ? String(value) : undefined;

/**
 * A postback (Get Started, a persistent-menu tap, an ice-breaker) may come without a mid. Two customers can tap
 * in the same millisecond, so the stand-in id names the sender as well as the time.
 */
export function postbackId(v: Json): string {
  const postback = v.postback as Json | undefined;
  return (
    str(postback?.mid) ??
    `postback:${str((v.sender as Json | undefined)?.id) ?? "?"}:${str(v.timestamp) ?? "?"}:${str(postback?.payload) ?? ""}`
  );
}

/** Context events of both platforms (referrals, opt-ins, the handover protocol, policy blocks). */
const CONTEXT_KINDS = [
  "referral",
  "optin",
  "pass_thread_control",
  "take_thread_control",
  "request_thread_control",
  "policy-enforcement",
  "policy_enforcement",
];

/**
 * The Send API's webhook events (Messenger and Instagram messaging) identified for deduplication: a message by
 * its mid (an edit by mid and edit count, an unsend by mid), other events (reactions, reads, deliveries...)
 * by kind, sender, the message they name, and time.
 */
export function messagingDedupKey(item: MetaItem, kinds: readonly string[]): string {
  const v = item.item;
  const message = v.message as Json | undefined;
  const edit = v.message_edit as Json | undefined;
  if (edit) return `edit:${str(edit.mid)}:${str(edit.num_edit)}`;
  if (message?.is_deleted) return `deleted:${str(message.mid)}`;
  if (message?.mid) return `mid:${str(message.mid)}`;
  if (v.postback) {
    const mid = str((v.postback as Json).mid);
    return mid ? `postback:${mid}` : postbackId(v);
  }
  const kind = [...kinds, ...CONTEXT_KINDS].find((k) => k in v) ?? "messaging";
  const detail = v[kind] as Json | undefined;
  return `${kind}:${str((v.sender as Json | undefined)?.id)}:${str(detail?.mid) ?? ""}:${str(detail?.action) ?? ""}:${str(v.timestamp)}:${JSON.stringify(detail ?? "").length}`;
}
