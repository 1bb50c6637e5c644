/**
 * Conversation threading keys. A key is unique per channel.
 * - A private chat is one conversation per contact (or group chat) and channel; it reopens on a new message.
 * - A public comment thread is one conversation per top-level comment, carrying the post it hangs under.
 */
export function privateThreadKey(chatId: string | number): string {
  return `chat:${chatId}`;
}

export function commentThreadKey(postId: string | number, topLevelCommentId: string | number): string {
  return `comment:${postId}:${topLevelCommentId}`;
}

/** A post by someone else that mentions or addresses the brand is a thread of its own. */
export function postThreadKey(postId: string | number): string {
  return `post:${postId}`;
}
