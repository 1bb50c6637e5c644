import { describe, expect, it } from "vitest";
import { baselineWindows, chooseAlerts, MIN_BASELINE_WINDOWS } from "./spikeDetector.ts";

const burst = (subject: string, ids: number[], rank = 1, topic = "t1") => ({
  row: { topic_id: topic, subject, recent: ids.length, rank, recent_ids: ids.map(String) },
});

describe("choosing alerts for a storm", () => {
  it("raises one alert for the storm's leading subject, not one per key term or for the topic too", () => {
    const storm = [1, 2, 3, 4, 5, 6, 7, 8];
    const chosen = chooseAlerts([
      burst("", [...storm, 9, 10], 0),
      burst("teribl", storm, 2),
      burst("courie", storm, 1),
      burst("never", storm, 3),
    ]);
    expect(chosen.map((b) => b.row.subject)).toEqual(["courie"]);
  });
  it("keeps two storms about different subjects, and the topic-wide burst when subjects do not explain it", () => {
    const chosen = chooseAlerts([
      burst("достав", [1, 2, 3, 4, 5, 6]),
      burst("bonus", [7, 8, 9, 10, 11]),
      burst("", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 0),
      burst("courie", [21, 22, 23, 24, 25], 1, "t2"),
    ]);
    expect(chosen.map((b) => `${b.row.topic_id}:${b.row.subject}`)).toEqual([
      "t1:достав",
      "t1:bonus",
      "t1:",
      "t2:courie",
    ]);
  });
});

describe("the baseline a burst is judged against", () => {
  const minutes = (n: number) => n * 60_000;
  const now = new Date("2026-03-02T12:00:00Z");
  const windowStart = new Date(now.getTime() - minutes(10));
  const dayBefore = new Date(now.getTime() - minutes(24 * 60));

  it("is missing for a topic that began listening moments ago, as on a fresh install", () => {
    const created = new Date(now.getTime() - minutes(1.5));
    expect(baselineWindows(created, windowStart, dayBefore, minutes(10))).toBe(0);
    const anHourAgo = new Date(now.getTime() - minutes(50));
    expect(baselineWindows(anHourAgo, windowStart, dayBefore, minutes(10))).toBeLessThan(
      MIN_BASELINE_WINDOWS,
    );
  });

  it("counts the windows since the topic began, up to the whole day before", () => {
    const created = new Date(now.getTime() - minutes(130));
    expect(baselineWindows(created, windowStart, dayBefore, minutes(10))).toBe(12);
    const lastYear = new Date("2025-03-02T12:00:00Z");
    expect(baselineWindows(lastYear, windowStart, dayBefore, minutes(10))).toBe(143);
  });
});
