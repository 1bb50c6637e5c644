/** The parts of VK's Callback API and API (https://dev.vk.com/en/api/callback/getting-started) Parley reads. */
export interface VkCallback {
  type: string;
  group_id: number;
  event_id?: string;
  v?: string;
  secret?: string;
  object?: unknown;
}

export interface VkAttachment {
  type: string;
  [kind: string]: unknown;
}

export interface VkMessage {
  id: number;
  date: number;
  peer_id: number;
  from_id: number;
  text: string;
  out?: number;
  /** The sender's deduplication key on outgoing messages (messages.send random_id); 0 when none was given. */
  random_id?: number;
  conversation_message_id?: number;
  update_time?: number;
  attachments?: VkAttachment[];
  reply_message?: { conversation_message_id?: number; from_id?: number; text?: string };
  /** The pressed keyboard button's payload: a JSON string of at most 255 characters. */
  payload?: string;
  /** A shared location (messages.send `lat`/`long`): the only content of such a message. */
  geo?: {
    type?: string;
    coordinates?: { latitude?: number; longitude?: number };
    place?: { title?: string; city?: string; country?: string };
  };
}

export interface VkWallComment {
  id: number;
  from_id: number;
  post_id: number;
  owner_id?: number;
  post_owner_id?: number;
  date: number;
  text: string;
  attachments?: VkAttachment[];
  parents_stack?: number[];
  reply_to_comment?: number;
  reply_to_user?: number;
}

export interface VkWallPost {
  id: number;
  owner_id: number;
  from_id?: number;
  date: number;
  text: string;
}

export interface VkError {
  error_code: number;
  error_msg: string;
  request_params?: { key: string; value: string }[];
}
