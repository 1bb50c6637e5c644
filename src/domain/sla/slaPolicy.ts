import { ALWAYS_OPEN, type BusinessHours } from "./businessHours.ts";

/** What an SLA promises: a target in working seconds, measured on a schedule, with an early warning. */
export interface SlaPolicy {
  readonly name: string;
  readonly targetSeconds: number;
  /** Share of the target after which the clock warns, in (0, 1]; 0.8 warns at 80 %. */
  readonly warningRatio: number;
  readonly businessHours: BusinessHours;
}

export const DEFAULT_FIRST_RESPONSE_SECONDS = 60 * 60;
export const DEFAULT_WARNING_RATIO = 0.8;

/** The out-of-the-box promise: a first response within 60 working minutes, warning at 80 %. */
export function firstResponsePolicy(businessHours: BusinessHours = ALWAYS_OPEN): SlaPolicy {
  return {
    name: "First response",
    targetSeconds: DEFAULT_FIRST_RESPONSE_SECONDS,
    warningRatio: DEFAULT_WARNING_RATIO,
    businessHours,
  };
}

/** Working seconds after which the clock warns; rounded down so the warning never comes late. */
export function warningSeconds(policy: SlaPolicy): number {
  return Math.floor(policy.targetSeconds * policy.warningRatio + 1e-9);
}

export function slaPolicyProblems(policy: SlaPolicy): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(policy.targetSeconds) || policy.targetSeconds <= 0) {
    problems.push("the target must be a whole number of seconds above zero");
  }
  if (!(policy.warningRatio > 0 && policy.warningRatio <= 1)) {
    problems.push("the warning ratio must be above 0 and at most 1");
  }
  return problems;
}
