import { describe, expect, it } from "vitest";
import { applyPreferencesChange, DEFAULT_PREFERENCES, readPreferences } from "./userPreferences.ts";

describe("user preferences", () => {
  it("reads an empty or foreign stored value as the defaults", () => {
    expect(readPreferences({})).toEqual(DEFAULT_PREFERENCES);
    expect(readPreferences(null)).toEqual(DEFAULT_PREFERENCES);
    expect(readPreferences("dark")).toEqual(DEFAULT_PREFERENCES);
  });

  it("keeps every valid field and drops only the invalid ones", () => {
    expect(readPreferences({ theme: "dark", alerts: { sound: false, desktop: "yes" } })).toEqual({
      theme: "dark",
      alerts: { sound: false, desktop: false },
    });
    expect(readPreferences({ theme: "sepia", alerts: { desktop: true } })).toEqual({
      theme: "system",
      alerts: { sound: true, desktop: true },
    });
  });

  it("changes only the fields a change names", () => {
    const current = { theme: "light" as const, alerts: { sound: false, desktop: true } };
    expect(applyPreferencesChange(current, { alerts: { sound: true } })).toEqual({
      theme: "light",
      alerts: { sound: true, desktop: true },
    });
    expect(applyPreferencesChange(current, { theme: "dark" })).toEqual({ ...current, theme: "dark" });
  });
});
