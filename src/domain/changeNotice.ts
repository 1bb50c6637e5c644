/** What changed, as every server process and browser hears it (LISTEN/NOTIFY, then server-sent events). */
export type ChangeType =
  | "conversation.updated"
  | "message.created"
  | "message.updated"
  | "channel.updated"
  | "mention.created"
  | "alert.created"
  | "presence.updated"
  | "notification.created"
  /** A person's sessions, tokens or role changed: their open event streams check their sign-in again. */
  | "access.changed";

export interface ChangeNotice {
  workspaceId: string;
  type: ChangeType;
  conversationId?: string | undefined;
  messageId?: string | undefined;
  channelId?: string | undefined;
  /** Whose access changed ("access.changed"). */
  userId?: string | undefined;
}
