/**
 * Who in a team gets a conversation, and in what order waiting conversations are handed out. Only online
 * agents with room under their capacity take new work; when nobody can, the conversation waits in the
 * team's queue and the reason says why. No clock is read: the same loads give the same answer.
 */
import { PRIORITIES, type Priority } from "./priority.ts";

export type Availability = "online" | "away" | "offline";
export type AssignmentStrategy = "round_robin" | "least_loaded" | "manual";

export interface AgentLoad {
  userId: string;
  availability: Availability;
  /** The most open conversations the agent takes; 0 takes none. */
  capacity: number;
  openCount: number;
  lastAssignedAt: Date | null;
}

export type AssignmentDecision =
  | { kind: "assign"; userId: string; reason: string }
  | { kind: "queue"; reason: "no_agent_online" | "all_at_capacity" | "manual_team" | "no_members" };

export interface QueuedConversation {
  conversationId: string;
  priority: Priority;
  queuedAt: Date;
}

/** An agent with how recently they got work as a number, so a queue drain can move it on without a clock. */
interface Candidate extends AgentLoad {
  recency: number;
}

/** `roundRobinAfterUserId` is the member who got the team's previous conversation. */
export function chooseAssignee(
  strategy: AssignmentStrategy,
  agents: readonly AgentLoad[],
  roundRobinAfterUserId: string | null,
): AssignmentDecision {
  return choose(strategy, agents.map(candidateOf), roundRobinAfterUserId);
}

/** Urgent first, then the longest waiting; equal entries keep their order. */
export function queueOrder(queue: readonly QueuedConversation[]): QueuedConversation[] {
  return [...queue].sort(
    (a, b) => rankOf(b.priority) - rankOf(a.priority) || compareNumbers(waitingSince(a), waitingSince(b)),
  );
}

/**
 * Hands out queued conversations in queueOrder while anyone has room, counting each assignment against the
 * agent at once, so round robin moves on and least-loaded spreads the work instead of filling one person.
 * Stops at the first conversation nobody can take: the ones after it have no one either.
 */
export function drainQueue(
  strategy: AssignmentStrategy,
  agents: readonly AgentLoad[],
  queue: readonly QueuedConversation[],
  roundRobinAfterUserId: string | null,
): { conversationId: string; userId: string }[] {
  const candidates = agents.map(candidateOf);
  // Assignments made here are newer than any on record, in the order made.
  let latest = Math.max(0, ...candidates.map((c) => c.recency).filter(Number.isFinite));
  let after = roundRobinAfterUserId;
  const assignments: { conversationId: string; userId: string }[] = [];
  for (const conversation of queueOrder(queue)) {
    const decision = choose(strategy, candidates, after);
    if (decision.kind === "queue") break;
    const agent = candidates.find((c) => c.userId === decision.userId)!;
    agent.openCount += 1;
    latest += 1;
    agent.recency = latest;
    after = agent.userId;
    assignments.push({ conversationId: conversation.conversationId, userId: agent.userId });
  }
  return assignments;
}

function choose(
  strategy: AssignmentStrategy,
  agents: readonly Candidate[],
  roundRobinAfterUserId: string | null,
): AssignmentDecision {
  // A manual team is never auto-assigned, whoever is online.
  if (strategy === "manual") return { kind: "queue", reason: "manual_team" };
  if (agents.length === 0) return { kind: "queue", reason: "no_members" };
  const online = agents.filter((agent) => agent.availability === "online");
  if (online.length === 0) return { kind: "queue", reason: "no_agent_online" };
  const withRoom = online.filter(hasRoom);
  if (withRoom.length === 0) return { kind: "queue", reason: "all_at_capacity" };
  if (strategy === "round_robin") {
    const next = nextInTurn(withRoom, roundRobinAfterUserId);
    return {
      kind: "assign",
      userId: next.userId,
      reason:
        roundRobinAfterUserId === null
          ? "Round robin: first in turn"
          : `Round robin: next after ${roundRobinAfterUserId}`,
    };
  }
  const least = leastLoaded(withRoom);
  return {
    kind: "assign",
    userId: least.userId,
    reason: `Least loaded: ${least.openCount} of ${least.capacity} open`,
  };
}

/**
 * The first agent by user id after the previous assignee, wrapping around. Comparing ids rather than finding
 * the previous one in the list keeps the turn when that member has left the team or is away.
 */
function nextInTurn(agents: readonly Candidate[], after: string | null): Candidate {
  const ordered = [...agents].sort((a, b) => compareIds(a.userId, b.userId));
  return (after === null ? undefined : ordered.find((agent) => agent.userId > after)) ?? ordered[0]!;
}

/** Lowest share of capacity in use; then the one who waited longest for work; then by user id. */
function leastLoaded(agents: readonly Candidate[]): Candidate {
  return [...agents].sort(
    (a, b) =>
      compareNumbers(a.openCount / a.capacity, b.openCount / b.capacity) ||
      compareNumbers(a.recency, b.recency) ||
      compareIds(a.userId, b.userId),
  )[0]!;
}

function hasRoom(agent: AgentLoad): boolean {
  // Written so a missing or non-numeric count or capacity reads as full rather than as room.
  return agent.capacity > 0 && agent.openCount < agent.capacity;
}

function candidateOf(agent: AgentLoad): Candidate {
  const time = agent.lastAssignedAt?.getTime() ?? Number.NaN;
  // Never assigned (or an unreadable date) counts as the longest wait.
  return { ...agent, recency: Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time };
}

function rankOf(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}

function waitingSince(conversation: QueuedConversation): number {
  const time = conversation.queuedAt.getTime();
  // An unreadable date goes to the back of its priority rather than breaking the sort.
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Code-unit order, the same in every locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
