import type { MetaItem } from "./metaWebhook.ts";

type Json = Record<string, unknown>;

/** A webhook field as a string, for ids Meta sends sometimes as numbers and sometimes as strings. */
export const str = (value: unknown): string | undefined =>
  typeof value === "string" || typeof value === "number" ? String(value) : undefined;

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
    const postback = v.postback as Json;
    // Get Started, menu taps and ice-breakers come without a mid: the sender tells two taps in one moment apart.
    return `postback:${str(postback.mid) ?? `${str((v.sender as Json | undefined)?.id)}:${str(v.timestamp)}:${str(postback.payload) ?? ""}`}`;
  }
  const kind = [...kinds, ...CONTEXT_KINDS].find((k) => k in v) ?? "messaging";
  const detail = v[kind] as Json | undefined;
  return `${kind}:${str((v.sender as Json | undefined)?.id)}:${str(detail?.mid) ?? ""}:${str(detail?.action) ?? ""}:${str(v.timestamp)}:${JSON.stringify(detail ?? "").length}`;
}
