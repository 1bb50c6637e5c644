import type { InboundReaction } from "../../domain/inboundEvent.ts";

/**
 * Messenger and Instagram messaging share the reaction event: `reaction: {mid, action: "react"|"unreact",
 * reaction, emoji}`. It becomes the state of the message reacted to, or nothing when it names no message.
 */
export function messagingReaction(
  value: Record<string, unknown>,
  platform: "facebook" | "instagram",
  at: Date,
): InboundReaction | undefined {
  const reaction = value.reaction as Record<string, unknown> | undefined;
  const mid = typeof reaction?.mid === "string" ? reaction.mid : undefined;
  if (!reaction || !mid) return undefined;
  const emoji =
    typeof reaction.emoji === "string"
      ? reaction.emoji
      : typeof reaction.reaction === "string"
        ? reaction.reaction
        : "?";
  return {
    type: "reaction",
    platform,
    externalId: mid,
    emoji: reaction.action === "unreact" ? null : emoji,
    at,
  };
}
