import { describe, expect, it } from "vitest";
import { BUILT_IN_POLICY, choosePolicy, measuredMetrics, type StoredSlaPolicy } from "./slaPolicyChoice.ts";

const policy = (over: Partial<StoredSlaPolicy>): StoredSlaPolicy => ({
  ...BUILT_IN_POLICY,
  id: over.name ?? "p",
  ...over,
});

describe("choosePolicy", () => {
  const policies = [
    policy({ name: "workspace", firstResponseSeconds: 3600 }),
    policy({ name: "urgent anywhere", priority: "urgent", firstResponseSeconds: 900 }),
    policy({ name: "fast lane", teamId: "fast", firstResponseSeconds: 1800 }),
    policy({ name: "fast lane urgent", teamId: "fast", priority: "urgent", firstResponseSeconds: 300 }),
    policy({ name: "disabled", teamId: "esc", enabled: false, firstResponseSeconds: 60 }),
  ];

  it("prefers team and priority, then team, then priority, then the workspace default", () => {
    expect(choosePolicy(policies, "fast", "urgent").name).toBe("fast lane urgent");
    expect(choosePolicy(policies, "fast", "normal").name).toBe("fast lane");
    expect(choosePolicy(policies, "esc", "urgent").name).toBe("urgent anywhere");
    expect(choosePolicy(policies, null, "normal").name).toBe("workspace");
  });

  it("ignores disabled policies and falls back to the built-in hour", () => {
    expect(choosePolicy(policies, "esc", "normal").name).toBe("workspace");
    expect(choosePolicy([], null, "high").firstResponseSeconds).toBe(3600);
  });

  it("measures next response and resolution only when the policy sets them", () => {
    expect(measuredMetrics(policy({ nextResponseSeconds: 600 }))).toEqual({
      first_response: true,
      next_response: true,
      resolution: false,
    });
  });
});
