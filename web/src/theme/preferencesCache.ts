import { readPreferences, type UserPreferences } from "../../../src/domain/userPreferences.ts";

/**
 * The last preferences this browser saw, so the first paint already has the person's theme instead of flashing
 * the other one while /api/account/preferences answers. The server's copy is the truth; this only goes first.
 */
const CACHE_KEY = "parley.preferences";

export function cachedPreferences(storage: Pick<Storage, "getItem">): UserPreferences {
  try {
    return readPreferences(JSON.parse(storage.getItem(CACHE_KEY) ?? "null"));
  } catch {
    return readPreferences(null);
  }
}

export function cachePreferences(storage: Pick<Storage, "setItem">, preferences: UserPreferences): void {
  try {
    storage.setItem(CACHE_KEY, JSON.stringify(preferences));
  } catch {
    // A browser that refuses storage (private mode, quota) still gets the theme from the server.
  }
}
