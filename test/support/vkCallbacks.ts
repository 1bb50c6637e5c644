/** A community's side of VK's Callback API, as VK sends it (API 5.199), for tests that post it themselves. */
export interface VkMessageNew {
  groupId: number;
  secret: string;
  eventId: string;
  /** Unix seconds. */
  date: number;
  fromId: number;
  text: string;
  conversationMessageId: number;
}

/** A `message_new` callback: a person writing to the community's messages, from VK's own apps. */
export function vkMessageNew(message: VkMessageNew) {
  return {
    type: "message_new",
    group_id: message.groupId,
    event_id: message.eventId,
    v: "5.199",
    secret: message.secret,
    object: {
      message: {
        id: 0,
        date: message.date,
        peer_id: message.fromId,
        from_id: message.fromId,
        text: message.text,
        conversation_message_id: message.conversationMessageId,
        out: 0,
        attachments: [],
        fwd_messages: [],
        important: false,
        is_hidden: false,
        version: 1,
      },
      client_info: {
        button_actions: ["text"],
        keyboard: true,
        inline_keyboard: true,
        carousel: true,
        lang_id: 0,
      },
    },
  };
}
