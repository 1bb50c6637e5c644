import { describe, expect, it } from "vitest";
import { freshAlerts, highestId, takeLegacyAlertSettings } from "./notificationAlerts.ts";

const memory = () => {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
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

  it("moves the switches an earlier version kept in this browser once, and only that person's", () => {
    const storage = memory();
    storage.setItem("parley.alerts.u1", JSON.stringify({ sound: false, desktop: true }));
    expect(takeLegacyAlertSettings(storage, "u2")).toBeNull();
    expect(takeLegacyAlertSettings(storage, "u1")).toEqual({ sound: false, desktop: true });
    expect(takeLegacyAlertSettings(storage, "u1")).toBeNull();
    storage.setItem("parley.alerts.u3", "not json");
    expect(takeLegacyAlertSettings(storage, "u3")).toBeNull();
    expect(storage.getItem("parley.alerts.u3")).toBeNull();
  });
});
