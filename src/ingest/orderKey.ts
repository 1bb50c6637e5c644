import type { ChannelAdapter, ChannelContext } from "../channels/channelAdapter.ts";
import type { InboundEvent } from "../domain/inboundEvent.ts";

/**
 * What orders a raw event against the others of its channel: the thread it belongs to, so that a conversation's
 * messages, edits, notes and read marks are applied in the order they arrived, by one worker at a time; for an
 * event about one message (its delivery status, a reaction, a hide), that message; for a post, the post. Null
 * for what concerns no thread (a channel notice, an event set aside): it waits for nobody.
 */
export function orderKeyOf(events: readonly InboundEvent[]): string | null {
  for (const event of events) {
    switch (event.type) {
      case "message":
      case "read_up_to":
      case "thread_note":
      case "subscription":
        return `thread:${event.threadKey}`;
      case "post":
        return `post:${event.post.externalId}`;
      case "message_deleted":
      case "delivery_status":
      case "reaction":
      case "comment_visibility":
        return `message:${event.externalId}`;
      case "channel_notice":
      case "ignored":
        continue;
    }
  }
  return null;
}

/** The key of a payload the door has not parsed (a poller's, a stream's): parsed here, null when it cannot be. */
export function orderKeyOfPayload(
  adapter: ChannelAdapter,
  payload: unknown,
  context: ChannelContext,
): string | null {
  try {
    return orderKeyOf(adapter.parse(payload, context));
  } catch {
    return null;
  }
}
