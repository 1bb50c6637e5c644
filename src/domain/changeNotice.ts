/** What changed, as every server process and browser hears it (LISTEN/NOTIFY, then server-sent events). */
export type ChangeType =
  | "conversation.updated"
  | "message.created"
  | "message.updated"
  | "channel.updated"
  | "mention.created"
  | "alert.created"
  | "presence.updated"
  | "notification.created";

export interface ChangeNotice {
  workspaceId: string;
  type: ChangeType;
  conversationId?: string | undefined;
  messageId?: string | undefined;
  channelId?: string | undefined;
}
