import { useEffect, useState } from "react";
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
  onChange: (settings: AlertSettings) => void;
}) {
  const t = useAlertsT();
  const [permission, setPermission] = useState<DesktopPermission>(() => desktopPermission());
  // The box follows the click at once, while the browser is still asking for permission.
  const [pendingDesktop, setPendingDesktop] = useState<boolean | null>(null);
  const toggleDesktop = async (on: boolean) => {
    setPendingDesktop(on);
    // Asked only when the person turns it on: browsers ignore a permission request nobody clicked for.
    const granted = on ? await requestDesktopPermission() : permission;
    setPermission(granted);
    onChange({ ...settings, desktop: on && granted === "granted" });
    // A refused permission shows at once; otherwise the box waits for the saved setting (the effect below).
    if (on && granted !== "granted") setPendingDesktop(null);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the saved setting catches up with the click
  useEffect(() => setPendingDesktop(null), [settings.desktop]);
  return (
    <fieldset className="alert-settings" data-testid="alert-settings">
      <legend className="small">{t("alertsTitle")}</legend>
      <label>
        <input
          type="checkbox"
          data-testid="alert-sound"
          checked={settings.sound}
          onChange={(e) => onChange({ ...settings, sound: e.target.checked })}
        />{" "}
        {t("alertSound")}
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="alert-desktop"
          checked={pendingDesktop ?? (settings.desktop && permission === "granted")}
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
