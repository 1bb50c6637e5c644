import { describe, expect, it } from "vitest";
import type { Contribution } from "./conversationFacts.ts";
import { NO_BUCKET } from "./histogram.ts";
import type { ConversationDims } from "./metrics.ts";
import { addToRollup, type RollupRow, readContributions, storeContributions } from "./rollup.ts";

const dims: ConversationDims = {
  channel: "ch-1",
  platform: "telegram",
  team: "team-now",
  agent: "agent-now",
  category: "",
  language: "en",
  sentiment: "neutral",
  visibility: "private",
};
const contribution = (extra: Partial<Contribution>): Contribution => ({
  hour: 3600,
  metric: "csat.responses",
  bucket: NO_BUCKET,
  count: 1,
  sum: 5,
  ...extra,
});

describe("rollup contributions", () => {
  it("stores and reads back agent and team overrides, and old rows without them", () => {
    const contributions = [
      contribution({}),
      contribution({ agent: "agent-then" }),
      contribution({ team: "team-then" }),
      contribution({ agent: "", team: "team-then" }),
    ];
    const stored = JSON.parse(JSON.stringify(storeContributions(contributions)));
    expect(readContributions(stored)).toEqual(contributions);
    // Facts stored before the team override existed read as they always did.
    expect(readContributions([[3600, "resolved", NO_BUCKET, 1, 0, "agent-then"]])).toEqual([
      { hour: 3600, metric: "resolved", bucket: NO_BUCKET, count: 1, sum: 0, agent: "agent-then" },
    ]);
  });

  it("adds a figure to the team and agent it names, and to the conversation's other dimensions", () => {
    const rollup = new Map<string, RollupRow>();
    addToRollup(rollup, dims, [contribution({ agent: "agent-then", team: "team-then" })], 1);
    const valueIn = (dim: string) => [...rollup.values()].filter((r) => r.dim === dim).map((r) => r.value);
    expect(valueIn("team")).toEqual(["team-then"]);
    expect(valueIn("agent")).toEqual(["agent-then"]);
    expect(valueIn("channel")).toEqual(["ch-1"]);
    expect(valueIn("all")).toEqual([""]);
    // Taking the same facts away leaves every row at zero.
    addToRollup(rollup, dims, [contribution({ agent: "agent-then", team: "team-then" })], -1);
    expect([...rollup.values()].every((r) => r.count === 0 && r.sum === 0)).toBe(true);
  });
});
