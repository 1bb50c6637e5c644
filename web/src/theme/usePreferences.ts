import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import {
  applyPreferencesChange,
  type PreferencesChange,
  type UserPreferences,
} from "../../../src/domain/userPreferences.ts";
import { api } from "../api.ts";
import { takeLegacyAlertSettings } from "../triage/notificationAlerts.ts";
import { cachedPreferences, cachePreferences } from "./preferencesCache.ts";
import { applyTheme } from "./theme.ts";

const PREFERENCES_PATH = "/api/account/preferences";
export const PREFERENCES_QUERY = ["account", "preferences"] as const;

export interface Preferences {
  preferences: UserPreferences;
  /** True once the server's answer is in (until then `preferences` is this browser's cached copy). */
  loaded: boolean;
  /** Shows the change at once and saves it; a refused save puts the previous choice back and throws. */
  save: (change: PreferencesChange) => Promise<void>;
}

/** The signed-in person's preferences: this browser's cached copy until the server's answer arrives. */
export function usePreferences(): Preferences {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: PREFERENCES_QUERY,
    queryFn: () => api<UserPreferences>("GET", PREFERENCES_PATH),
    placeholderData: () => cachedPreferences(localStorage),
    // Changed only by the person, through save(): no need to ask again on every live change.
    staleTime: 60_000,
    meta: { liveRefresh: false },
  });
  const preferences = query.data ?? cachedPreferences(localStorage);
  const save = useCallback(
    async (change: PreferencesChange) => {
      // A first load still under way would answer with what was true before this change and undo it on screen.
      void queryClient.cancelQueries({ queryKey: PREFERENCES_QUERY });
      const previous = queryClient.getQueryData<UserPreferences>(PREFERENCES_QUERY) ?? preferences;
      queryClient.setQueryData(PREFERENCES_QUERY, applyPreferencesChange(previous, change));
      try {
        queryClient.setQueryData(
          PREFERENCES_QUERY,
          await api<UserPreferences>("PUT", PREFERENCES_PATH, change),
        );
      } catch (err) {
        queryClient.setQueryData(PREFERENCES_QUERY, previous);
        throw err;
      }
    },
    [queryClient, preferences],
  );
  return { preferences, loaded: query.isSuccess && !query.isPlaceholderData, save };
}

/**
 * Mounted once while someone is signed in: puts their theme on the page, keeps the first-paint cache, and moves
 * alert switches that an earlier version kept in this browser to their account.
 */
export function PreferencesApplier({ userId }: { userId: string }) {
  const { preferences, loaded, save } = usePreferences();
  useEffect(() => {
    applyTheme(document.documentElement, preferences.theme);
    if (loaded) cachePreferences(localStorage, preferences);
  }, [preferences, loaded]);
  useEffect(() => {
    if (!loaded) return;
    const legacy = takeLegacyAlertSettings(localStorage, userId);
    if (legacy) void save({ alerts: legacy }).catch(() => undefined);
  }, [loaded, userId, save]);
  return null;
}
