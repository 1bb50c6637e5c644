export const CONVERSATION_STATUSES = ["new", "open", "pending", "resolved"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/**
 * What a conversation's status becomes when a customer writes again.
 * A resolved or pending conversation reopens: the customer is waiting again.
 */
export function statusAfterInbound(current: ConversationStatus): ConversationStatus {
  if (current === "resolved" || current === "pending") return "open";
  return current;
}

/** An agent's reply moves a new conversation to open; it never reopens a resolved one by itself. */
export function statusAfterReply(current: ConversationStatus): ConversationStatus {
  return current === "new" ? "open" : current;
}
