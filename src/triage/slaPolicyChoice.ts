import type { BusinessHours } from "../domain/sla/businessHours.ts";
import { ALWAYS_OPEN } from "../domain/sla/businessHours.ts";
import type { SlaPolicy } from "../domain/sla/slaPolicy.ts";
import { DEFAULT_FIRST_RESPONSE_SECONDS, DEFAULT_WARNING_RATIO } from "../domain/sla/slaPolicy.ts";
import type { SlaMetric } from "../domain/sla/slaTransitions.ts";

export interface StoredSlaPolicy {
  id: string;
  name: string;
  teamId: string | null;
  priority: string | null;
  firstResponseSeconds: number;
  nextResponseSeconds: number | null;
  resolutionSeconds: number | null;
  warningRatio: number;
  escalation: Record<string, unknown>;
  enabled: boolean;
}

/** Without any stored policy a workspace still promises the brief's default: a first answer within the hour. */
export const BUILT_IN_POLICY: StoredSlaPolicy = {
  id: "",
  name: "First response within an hour",
  teamId: null,
  priority: null,
  firstResponseSeconds: DEFAULT_FIRST_RESPONSE_SECONDS,
  nextResponseSeconds: null,
  resolutionSeconds: null,
  warningRatio: DEFAULT_WARNING_RATIO,
  escalation: {},
  enabled: true,
};

/** The most specific enabled policy: team and priority, then team, then priority, then workspace-wide. */
export function choosePolicy(
  policies: readonly StoredSlaPolicy[],
  teamId: string | null,
  priority: string,
): StoredSlaPolicy {
  const enabled = policies.filter((p) => p.enabled);
  const fits = (p: StoredSlaPolicy, team: string | null, prio: string | null) =>
    p.teamId === team && p.priority === prio;
  return (
    (teamId ? enabled.find((p) => fits(p, teamId, priority)) : undefined) ??
    (teamId ? enabled.find((p) => fits(p, teamId, null)) : undefined) ??
    enabled.find((p) => fits(p, null, priority)) ??
    enabled.find((p) => fits(p, null, null)) ??
    BUILT_IN_POLICY
  );
}

export function targetOf(policy: StoredSlaPolicy, metric: SlaMetric): number | null {
  if (metric === "first_response") return policy.firstResponseSeconds;
  if (metric === "next_response") return policy.nextResponseSeconds;
  return policy.resolutionSeconds;
}

export function measuredMetrics(policy: StoredSlaPolicy): Record<SlaMetric, boolean> {
  return {
    first_response: true,
    next_response: policy.nextResponseSeconds !== null,
    resolution: policy.resolutionSeconds !== null,
  };
}

/** The clock policy of one metric, on the team's hours (always open when the conversation has no team). */
export function clockPolicy(
  policy: StoredSlaPolicy,
  metric: SlaMetric,
  businessHours: BusinessHours | undefined,
): SlaPolicy | null {
  const target = targetOf(policy, metric);
  if (target === null) return null;
  return {
    name: policy.name,
    targetSeconds: target,
    warningRatio: policy.warningRatio,
    businessHours: businessHours ?? ALWAYS_OPEN,
  };
}
