import { describe, expect, it } from "vitest";
import { intlLocale } from "./intlLocale.ts";
import { formatDateTime, formatTimeAgo } from "./localeFormat.ts";

const AT = "2026-03-02T14:05:00Z";

describe("dates and numbers in the viewer's language", () => {
  it("writes dates the Russian, Polish and Latvian way, not the browser's US English", () => {
    expect(formatDateTime(AT, intlLocale("ru", ["en-US"]), "UTC")).toBe("02.03.2026, 14:05");
    expect(formatDateTime(AT, intlLocale("pl", ["en-US"]), "UTC")).toBe("2.03.2026, 14:05");
    expect(formatDateTime(AT, intlLocale("lv", ["en-US"]), "UTC")).toMatch(/^02\.03\.26,? 14:05$/);
  });

  it("keeps the browser's own variant of the chosen language", () => {
    expect(intlLocale("en", ["en-GB", "ru"])).toBe("en-GB");
    expect(intlLocale("ru", ["en-GB", "ru-RU"])).toBe("ru-RU");
    expect(formatDateTime(AT, intlLocale("en", ["en-GB"]), "UTC")).toBe("02/03/2026, 14:05");
  });

  it("says how long ago in the chosen language", () => {
    const now = Date.parse(AT) + 5 * 60_000;
    expect(formatTimeAgo(AT, "en", now)).toBe("5m");
    expect(formatTimeAgo(AT, "ru", now)).toBe("5 мин");
    expect(formatTimeAgo(AT, "pl", Date.parse(AT) + 3 * 3_600_000)).toBe("3 h");
  });
});
