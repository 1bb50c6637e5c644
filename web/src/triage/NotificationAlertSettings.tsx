import { useRef, useState } from "react";
import { useAlertsT } from "./alertsI18n.ts";
import {
  type AlertSettings,
  type DesktopPermission,
  desktopPermission,
  requestDesktopPermission,
} from "./notificationAlerts.ts";

/** The viewer's own switches for alert sounds and desktop alerts, at the top of the bell's panel. */
export function NotificationAlertSettings({
  settings,
  onChange,
}: {
  settings: AlertSettings;
  /** Saves the switches; settles once the account has them (or refused them). */
  onChange: (settings: AlertSettings) => Promise<void>;
}) {
  const t = useAlertsT();
  const [permission, setPermission] = useState<DesktopPermission>(() => desktopPermission());
  // A box follows the click at once: the saved settings reach this component a moment later (the query cache
  // tells its readers on a timer), and the desktop switch waits for the browser's permission prompt first.
  const [pending, setPending] = useState<Partial<AlertSettings>>({});
  // Read synchronously, so a second click right after the first builds on it instead of on stale props.
  const pendingNow = useRef<Partial<AlertSettings>>({});
  const lastChange = useRef(0);
  const shown: AlertSettings = { ...settings, ...pending };

  const change = async (next: Partial<AlertSettings>, waitFor?: () => Promise<Partial<AlertSettings>>) => {
    const mine = ++lastChange.current;
    pendingNow.current = { ...pendingNow.current, ...next };
    setPending(pendingNow.current);
    const settled = waitFor ? await waitFor() : {};
    pendingNow.current = { ...pendingNow.current, ...settled };
    setPending(pendingNow.current);
    try {
      await onChange({ ...settings, ...pendingNow.current });
    } finally {
      // Only the last change hands the boxes back to the saved settings, which by then include every click.
      if (mine === lastChange.current) {
        pendingNow.current = {};
        setPending({});
      }
    }
  };
  const toggleDesktop = (on: boolean) =>
    change({ desktop: on }, async () => {
      // Asked only when the person turns it on: browsers ignore a permission request nobody clicked for.
      const granted = on ? await requestDesktopPermission() : permission;
      setPermission(granted);
      return { desktop: on && granted === "granted" };
    });
  return (
    <fieldset className="alert-settings" data-testid="alert-settings">
      <legend className="small">{t("alertsTitle")}</legend>
      <label>
        <input
          type="checkbox"
          data-testid="alert-sound"
          checked={shown.sound}
          onChange={(e) => void change({ sound: e.target.checked })}
        />{" "}
        {t("alertSound")}
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="alert-desktop"
          checked={pending.desktop ?? (shown.desktop && permission === "granted")}
          disabled={permission === "unsupported"}
          onChange={(e) => void toggleDesktop(e.target.checked)}
        />{" "}
        {t("alertDesktop")}
      </label>
      {permission === "denied" && <p className="hint small">{t("alertDesktopBlocked")}</p>}
      {permission === "unsupported" && <p className="hint small">{t("alertDesktopUnsupported")}</p>}
    </fieldset>
  );
}
