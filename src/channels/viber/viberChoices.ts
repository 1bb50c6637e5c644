import type { ReplyChoice } from "../../domain/replyChoice.ts";
import type { ViberKeyboard } from "./viberTypes.ts";

/**
 * Buttons for a survey or a check-in as a Viber keyboard (https://developers.viber.com/docs/tools/keyboards/):
 * a "reply" button sends its ActionBody as the person's text message, so the ActionBody is the label they would
 * type anyway ("5", "Да"). Which button that was comes back through tracking_data, which Viber hands back with
 * the person's next message: it maps each label to Parley's payload.
 */
const COLUMNS = 6;
/** Viber's limit for tracking_data; choices that would not fit are asked in words alone. */
const MAX_TRACKING_DATA = 4096;
const MAX_BUTTON_TEXT = 250;

interface TrackingData {
  parley: { key?: string; choices?: Record<string, string> };
}

export function keyboardFor(choices: ReplyChoice[] | undefined): ViberKeyboard | undefined {
  if (!choices || choices.length === 0) return undefined;
  const perRow = Math.min(choices.length, COLUMNS);
  const columns = Math.max(1, Math.floor(COLUMNS / perRow));
  return {
    Type: "keyboard",
    DefaultHeight: false,
    Buttons: choices.map((choice) => ({
      Columns: columns,
      Rows: 1,
      ActionType: "reply",
      ActionBody: choice.label,
      Text: (choice.description ? `${choice.label} · ${choice.description}` : choice.label).slice(
        0,
        MAX_BUTTON_TEXT,
      ),
    })),
  };
}

/**
 * What the message carries in tracking_data: the outbox item's key (so a reply can be traced to the send) and
 * the choices' payloads by label. Null when the choices do not fit, and then no keyboard goes either.
 */
export function trackingDataFor(idempotencyKey: string, choices: ReplyChoice[] | undefined): string | null {
  const data: TrackingData = { parley: { key: idempotencyKey } };
  if (choices && choices.length > 0)
    data.parley.choices = Object.fromEntries(choices.map((c) => [c.label, c.payload]));
  const text = JSON.stringify(data);
  return text.length <= MAX_TRACKING_DATA ? text : null;
}

/** The payload of the button whose label the person sent, when the bot's last message offered it. */
export function choiceFrom(text: string | undefined, trackingData: string | undefined): string | undefined {
  if (!text || !trackingData) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(trackingData);
  } catch {
    return undefined;
  }
  const choices = (data as Partial<TrackingData> | null)?.parley?.choices;
  if (typeof choices !== "object" || choices === null) return undefined;
  const payload = Object.hasOwn(choices, text) ? choices[text] : undefined;
  return typeof payload === "string" ? payload : undefined;
}
