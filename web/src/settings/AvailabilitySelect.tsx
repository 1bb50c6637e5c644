import { useState } from "react";
import { api, type Me } from "../api.ts";
import { Select } from "../components/Select.tsx";
import { AVAILABILITIES, type Availability } from "./settingsApi.ts";
import { labelOf, useSettingsT } from "./settingsI18n.ts";

/** Every signed-in person's own switch; signing in already set them online. */
export function AvailabilitySelect({ me }: { me: Me }) {
  const t = useSettingsT();
  const initial = (me.user as Me["user"] & { availability?: Availability }).availability ?? "online";
  const [availability, setAvailability] = useState<Availability>(initial);
  const change = (next: Availability) => {
    const before = availability;
    setAvailability(next);
    api("PUT", "/api/me/availability", { availability: next }).catch(() => setAvailability(before));
  };
  return (
    <Select
      data-testid="availability-select"
      aria-label={t("availability")}
      className={`availability-select ${availability}`}
      options={AVAILABILITIES.map((a) => ({ value: a, label: labelOf(t, "availability", a) }))}
      value={availability}
      onChange={(next) => change(next as Availability)}
    />
  );
}
