/** The parts of the Telegram Bot API (https://core.telegram.org/bots/api) Parley reads and writes. */
export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface TgChat {
  id: number;
  type: "private" | "group" | "supergroup" | "channel";
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

export interface TgMessageEntity {
  type: string;
  /** UTF-16 code units, as JavaScript strings count. */
  offset: number;
  length: number;
  user?: TgUser;
}

export interface TgMessage {
  message_id: number;
  message_thread_id?: number;
  from?: TgUser;
  sender_chat?: TgChat;
  date: number;
  chat: TgChat;
  edit_date?: number;
  reply_to_message?: TgMessage;
  text?: string;
  caption?: string;
  entities?: TgMessageEntity[];
  caption_entities?: TgMessageEntity[];
  photo?: (TgFile & { width: number; height: number })[];
  document?: TgFile & { file_name?: string; mime_type?: string };
  video?: TgFile & { width?: number; height?: number; file_name?: string; mime_type?: string };
  voice?: TgFile & { mime_type?: string };
  audio?: TgFile & { title?: string; file_name?: string; mime_type?: string };
  sticker?: TgFile & {
    emoji?: string;
    width?: number;
    height?: number;
    is_animated?: boolean;
    is_video?: boolean;
  };
  location?: { latitude: number; longitude: number };
  contact?: { phone_number: string; first_name: string };
  /** Data a Mini App sent back through a keyboard button (Telegram.WebApp.sendData): its only content. */
  web_app_data?: { data: string; button_text: string };
  venue?: { location: { latitude: number; longitude: number }; title: string; address: string };
  poll?: { question: string; options: { text: string }[] };
  dice?: { emoji: string; value: number };
  reply_markup?: TgInlineKeyboardMarkup;
}

/** What every file object shares (PhotoSize, Document, Video…): https://core.telegram.org/bots/api#file */
export interface TgFile {
  file_id: string;
  file_unique_id?: string;
  file_size?: number;
}

/** getFile's answer: `file_path` is valid for at least an hour at /file/bot<token>/<file_path>. */
export interface TgFileLocation extends TgFile {
  file_path?: string;
}

/** https://core.telegram.org/bots/api#inlinekeyboardmarkup */
export interface TgInlineKeyboardMarkup {
  inline_keyboard: { text: string; callback_data?: string }[][];
}

/** A press on an inline keyboard button: https://core.telegram.org/bots/api#callbackquery */
export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  /** Absent when the message is too old or was sent inline. */
  message?: TgMessage;
  chat_instance: string;
  data?: string;
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  channel_post?: TgMessage;
  edited_channel_post?: TgMessage;
  business_message?: TgMessage;
  edited_business_message?: TgMessage;
  callback_query?: TgCallbackQuery;
  [other: string]: unknown;
}

export type TgResponse<T> =
  | { ok: true; result: T }
  | {
      ok: false;
      error_code: number;
      description: string;
      parameters?: { retry_after?: number; migrate_to_chat_id?: number };
    };
