import { describe, expect, it } from "vitest";
import { cachedPreferences, cachePreferences } from "./preferencesCache.ts";

const memory = () => {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
};

describe("the first-paint cache of preferences", () => {
  it("gives the defaults until something was cached, then what was cached", () => {
    const storage = memory();
    expect(cachedPreferences(storage)).toEqual({ theme: "system", alerts: { sound: true, desktop: false } });
    cachePreferences(storage, { theme: "dark", alerts: { sound: false, desktop: true } });
    expect(cachedPreferences(storage)).toEqual({ theme: "dark", alerts: { sound: false, desktop: true } });
  });

  it("falls back to the defaults when what is stored is not JSON", () => {
    const storage = memory();
    storage.setItem("parley.preferences", "{broken");
    expect(cachedPreferences(storage).theme).toBe("system");
  });
});
