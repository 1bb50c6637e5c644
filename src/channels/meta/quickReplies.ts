import type { ReplyChoice } from "../../domain/replyChoice.ts";

/** Messenger and Instagram draw at most 13 quick replies, each title at most 20 characters. */
const MAX_QUICK_REPLIES = 13;
const MAX_TITLE = 20;

/**
 * Choices as Messenger / Instagram quick replies (https://developers.facebook.com/docs/messenger-platform/send-messages/quick-replies):
 * the tapped one comes back as `message.quick_reply.payload`. More than 13 stay out; the text says how to answer.
 */
export function quickRepliesOf(choices: ReplyChoice[] | undefined): { quick_replies?: object[] } {
  if (!choices || choices.length === 0 || choices.length > MAX_QUICK_REPLIES) return {};
  return {
    quick_replies: choices.map((c) => ({
      content_type: "text",
      title: c.label.slice(0, MAX_TITLE),
      payload: c.payload,
    })),
  };
}
