import { describe, expect, it } from "vitest";
import { chooseAlerts } from "./spikeDetector.ts";

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
