/**
 * A button offered with a message (Telegram inline keyboard, Messenger quick reply, WhatsApp reply button or
 * list row, VK keyboard). Adapters draw them with the platform's own control, or leave them out where it has
 * none that fits; the text of the message must then still say how to answer in words.
 */
export interface ReplyChoice {
  /** What the button says (short: Messenger cuts quick replies at 20 characters, WhatsApp buttons at 20). */
  label: string;
  /** A longer line where the control has room for one (a WhatsApp list row's description). */
  description?: string | undefined;
  /** What comes back when it is pressed (Telegram callback_data: at most 64 bytes). */
  payload: string;
}
