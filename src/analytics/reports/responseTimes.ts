import { DURATION_METRICS } from "../metrics.ts";
import { durationReport } from "../reportDefinition.ts";

/** From the conversation's first customer message to the first answer that counts (a person's or the bot's). */
export const firstResponseTime = durationReport(
  "first_response_time",
  (h) => DURATION_METRICS.first_response[h],
);

/** From a customer message that waits after we had answered, to our next answer. */
export const nextResponseTime = durationReport(
  "next_response_time",
  (h) => DURATION_METRICS.next_response[h],
);

/** From the first message of a case (or of its reopening) to its resolution. */
export const timeToClose = durationReport("time_to_close", (h) => DURATION_METRICS.time_to_close[h]);

/** An agent's active minutes on a case (analytics/handleTime.ts); business and calendar are the same here. */
export const handleTime = durationReport("handle_time", () => "handle_time");
