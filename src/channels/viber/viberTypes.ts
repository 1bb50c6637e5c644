/**
 * The parts of Viber's REST Bot API (https://developers.viber.com/docs/api/rest-bot-api/, the events pages of
 * creators.viber.com/docs/bots-api) Parley reads and writes. `message_token` is a 64-bit integer on the wire:
 * Parley parses it as its digits (viberJson.ts), so it is typed as a string here.
 */
export interface ViberUser {
  id: string;
  name?: string;
  avatar?: string;
  language?: string;
  country?: string;
  api_version?: number;
}

export interface ViberMessage {
  type: string;
  text?: string;
  media?: string;
  thumbnail?: string;
  file_name?: string;
  size?: number;
  duration?: number;
  sticker_id?: number;
  contact?: { name?: string; phone_number?: string; avatar?: string };
  location?: { lat: number; lon: number };
  /** What the bot's last message carried in `tracking_data`, handed back with the person's reply. */
  tracking_data?: string;
}

interface ViberCallbackBase {
  event: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  chat_hostname?: string;
  message_token?: string;
}

export interface ViberMessageCallback extends ViberCallbackBase {
  event: "message";
  sender: ViberUser;
  message: ViberMessage;
  silent?: boolean;
}

export interface ViberSubscribedCallback extends ViberCallbackBase {
  event: "subscribed";
  user: ViberUser;
}

export interface ViberUnsubscribedCallback extends ViberCallbackBase {
  event: "unsubscribed";
  user_id: string;
}

export interface ViberConversationStartedCallback extends ViberCallbackBase {
  event: "conversation_started";
  type?: string;
  context?: string;
  user: ViberUser;
  subscribed?: boolean;
}

/** delivered, seen and failed: receipts for a message the bot sent, named by its token. */
export interface ViberReceiptCallback extends ViberCallbackBase {
  event: "delivered" | "seen" | "failed";
  user_id: string;
  /** failed only: why. */
  desc?: string;
}

export type ViberCallback =
  | ViberMessageCallback
  | ViberSubscribedCallback
  | ViberUnsubscribedCallback
  | ViberConversationStartedCallback
  | ViberReceiptCallback
  | (ViberCallbackBase & Record<string, unknown>);

/** Every API answer: HTTP 200 with `status` 0 for success, another code for a refusal. */
export interface ViberResponse {
  status: number;
  status_message?: string;
  message_token?: string;
  chat_hostname?: string;
  billing_status?: number;
  [other: string]: unknown;
}

/** https://developers.viber.com/docs/tools/keyboards/ */
export interface ViberKeyboard {
  Type: "keyboard";
  DefaultHeight: boolean;
  Buttons: ViberKeyboardButton[];
}

export interface ViberKeyboardButton {
  Columns: number;
  Rows: number;
  ActionType: "reply";
  ActionBody: string;
  Text: string;
}
