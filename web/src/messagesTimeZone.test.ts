import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMessage, loadMessages } from "./messages.ts";

// Its own file: formatters are made once per message, in the time zone of the moment they are made.
describe("a time in a message", () => {
  const zone = process.env.TZ;
  beforeAll(async () => {
    process.env.TZ = "Asia/Tokyo";
    await loadMessages("ru");
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it("is written in the viewer's time zone and language", () => {
    const at = new Date("2026-03-02T14:05:09Z");
    expect(formatMessage("ru", "channelHealth.waitingUntil", { time: at })).toBe(
      "Платформа попросила подождать: до 23:05:09 ничего не отправляется.",
    );
    expect(formatMessage("en", "channelHealth.pausedUntil", { time: at })).toBe(
      "Paused: Parley asks the platform again at 11:05:09 PM and resumes by itself when it answers.",
    );
  });
});
