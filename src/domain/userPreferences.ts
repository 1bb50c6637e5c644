/**
 * A person's own choices, kept on the server so they follow them from the office PC to the phone: the colour
 * theme and which alerts announce an assignment or an SLA warning. Whether a desktop alert can actually show is
 * still the browser's permission; `desktop` says the person wants them where the browser allows.
 */

export const THEMES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEMES)[number];

export interface AlertPreferences {
  sound: boolean;
  desktop: boolean;
}

export interface UserPreferences {
  /** "system" follows the operating system's light or dark setting (prefers-color-scheme). */
  theme: ThemeChoice;
  alerts: AlertPreferences;
}

/** A sound is what people expect of a chat tool; a desktop alert waits until they allow it. */
export const DEFAULT_PREFERENCES: UserPreferences = {
  theme: "system",
  alerts: { sound: true, desktop: false },
};

/** A change: any field left out keeps its value. */
export interface PreferencesChange {
  theme?: ThemeChoice;
  alerts?: Partial<AlertPreferences>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Preferences as stored (or cached), read leniently: a value that is missing or no longer valid falls back to its
 * default instead of failing the whole set, so a choice removed in a later version never locks anyone out.
 */
export function readPreferences(stored: unknown): UserPreferences {
  const record = isRecord(stored) ? stored : {};
  const alerts = isRecord(record.alerts) ? record.alerts : {};
  const theme = THEMES.find((choice) => choice === record.theme) ?? DEFAULT_PREFERENCES.theme;
  return {
    theme,
    alerts: {
      sound: typeof alerts.sound === "boolean" ? alerts.sound : DEFAULT_PREFERENCES.alerts.sound,
      desktop: typeof alerts.desktop === "boolean" ? alerts.desktop : DEFAULT_PREFERENCES.alerts.desktop,
    },
  };
}

export function applyPreferencesChange(current: UserPreferences, change: PreferencesChange): UserPreferences {
  return {
    theme: change.theme ?? current.theme,
    alerts: { ...current.alerts, ...change.alerts },
  };
}
