import { describe, expect, it } from "vitest";
import { freshAlerts, highestId, loadAlertSettings, saveAlertSettings } from "./notificationAlerts.ts";

const memory = () => {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
};

describe("sound and desktop alerts", () => {
  it("alerts about new assignments and SLA warnings only, not what was there before or already read", () => {
    const items = [
      { id: 7, kind: "sla_warning", read: false },
      { id: 6, kind: "moderation_review", read: false },
      { id: 5, kind: "assigned", read: true },
      { id: 4, kind: "assigned", read: false },
      { id: 3, kind: "sla_breached", read: false },
    ];
    expect(freshAlerts(items, 3).map((n) => n.id)).toEqual([4, 7]);
    expect(freshAlerts(items, highestId(items, 0))).toEqual([]);
  });

  it("keeps each person's choice apart, with a sound on and desktop alerts off until chosen", () => {
    const storage = memory();
    expect(loadAlertSettings(storage, "u1")).toEqual({ sound: true, desktop: false });
    saveAlertSettings(storage, "u1", { sound: false, desktop: true });
    expect(loadAlertSettings(storage, "u1")).toEqual({ sound: false, desktop: true });
    expect(loadAlertSettings(storage, "u2")).toEqual({ sound: true, desktop: false });
    storage.setItem("parley.alerts.u3", "not json");
    expect(loadAlertSettings(storage, "u3")).toEqual({ sound: true, desktop: false });
  });
});
