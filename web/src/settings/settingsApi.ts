import type { BusinessHours } from "../../../src/domain/sla/businessHours.ts";
import type { StoredSlaPolicy } from "../../../src/triage/slaPolicyChoice.ts";

export type { BusinessHours };
export type Availability = "online" | "away" | "offline";
export const AVAILABILITIES: readonly Availability[] = ["online", "away", "offline"];
export type AssignmentStrategy = "round_robin" | "least_loaded" | "manual";
export const STRATEGIES: readonly AssignmentStrategy[] = ["round_robin", "least_loaded", "manual"];
export const CATEGORY_LANGUAGES = ["en", "ru", "pl", "lv"] as const;
export type CategoryLanguage = (typeof CATEGORY_LANGUAGES)[number];

export interface Team {
  id: string;
  name: string;
  description: string;
  businessHours: BusinessHours;
  assignmentStrategy: AssignmentStrategy;
  memberIds: string[];
}

export interface Agent {
  id: string;
  name: string;
  email: string;
  role: "admin" | "supervisor" | "agent";
  disabled: boolean;
  capacity: number;
  availability: Availability;
  openConversations: number;
}

export interface Category {
  id: string;
  key: string;
  name: string;
  names: Partial<Record<CategoryLanguage, string>>;
  keywords: Partial<Record<CategoryLanguage, string[]>>;
  position: number;
}

export interface RoutingConditions {
  categories?: string[];
  channelIds?: string[];
  platforms?: string[];
  languages?: string[];
  priorities?: string[];
  visibility?: string[];
}

export interface RoutingRule {
  id: string;
  name: string;
  position: number;
  teamId: string;
  conditions: RoutingConditions;
  enabled: boolean;
}

export interface SlaEscalation {
  raisePriority?: string;
  teamId?: string;
  notifyUserIds?: string[];
}

/** The stored policy triage chooses from; the escalation, an open record there, is typed for the editor's fields. */
export interface SlaPolicy extends Omit<StoredSlaPolicy, "escalation"> {
  escalation: SlaEscalation;
}

export interface RuleCondition {
  field: string;
  operator: string;
  value?: string | number | boolean | string[] | null;
}

export interface RuleAction {
  type: string;
  [field: string]: unknown;
}

export interface RuleDraft {
  name: string;
  enabled: boolean;
  event: string;
  match: "all" | "any";
  conditions: RuleCondition[];
  actions: RuleAction[];
}

export interface AutomationRule extends RuleDraft {
  id: string;
  position: number;
  lastRunAt: string | null;
  problems: string[];
  loopWarnings: string[];
}

export interface DryRunResult {
  matched: {
    conversationId: string;
    contactName: string;
    preview: string;
    lastMessageAt: string;
    actionsPreview: string[];
  }[];
  notMatched: { conversationId: string; contactName: string; preview: string; failed: string[] }[];
  checked: number;
  loopWarnings: string[];
}

export interface AutomationRun {
  id: number;
  conversationId: string | null;
  event: string;
  status: "applied" | "partial" | "failed" | "loop_stopped";
  results: unknown[];
  error: string | null;
  createdAt: string;
}

export interface TriageSettings {
  escalationKeywords: string[] | null;
  highReach: number;
  bot: { enabled: boolean; minConfidence: number; answerPublic: boolean; reviewRate: number };
  communityRules: Record<string, unknown> | null;
  alertWebhookUrl: string | null;
  alertEmails: string[];
  brandName: string;
  defaults: { escalationKeywords: string[]; communityRules: Record<string, unknown> };
}

export interface ChannelSummary {
  id: string;
  name: string;
  platform: string;
}

export function splitList(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

export function splitLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}
