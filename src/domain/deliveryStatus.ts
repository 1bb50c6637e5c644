/** Where a message Parley sent (or received) stands; stored on `messages.delivery_status`. */
export type MessageDeliveryStatus =
  | "received"
  | "queued"
  | "sending"
  | "delivered"
  | "read"
  | "failed"
  | "uncertain";

/** What a platform's status callback reports about a message Parley sent. */
export type ReportedDeliveryStatus = "sent" | "delivered" | "read" | "failed";

/**
 * How far along each status is. Platforms send status callbacks repeated and out of order (WhatsApp: "the order
 * of these notifications may not reflect the actual timing"), so a report only ever moves a message forward.
 * Parley's own "delivered" already means "the platform accepted it", so a platform's "sent" adds nothing to it.
 * A failure after delivery is recorded (WhatsApp can fail a message it first accepted); a late "delivered"
 * cannot undo that failure; only "read" outranks it, because a message the customer read did arrive.
 */
const RANK: Record<MessageDeliveryStatus, number> = {
  received: -1,
  queued: 0,
  sending: 0,
  uncertain: 0,
  delivered: 1,
  failed: 2,
  read: 3,
};

/** The status a reported one moves a message to, or null when the report is stale, repeated or not ours. */
export function deliveryStatusAfter(
  current: MessageDeliveryStatus,
  reported: ReportedDeliveryStatus,
): MessageDeliveryStatus | null {
  // An inbound message has no delivery to track.
  if (current === "received") return null;
  const next: MessageDeliveryStatus = reported === "sent" ? "delivered" : reported;
  return RANK[next] > RANK[current] ? next : null;
}
