import { describe, expect, it } from "vitest";
import {
  type AgentLoad,
  type AssignmentDecision,
  chooseAssignee,
  drainQueue,
  type QueuedConversation,
  queueOrder,
} from "./assignment.ts";

const agent = (userId: string, overrides: Partial<AgentLoad> = {}): AgentLoad => ({
  userId,
  availability: "online",
  capacity: 5,
  openCount: 0,
  lastAssignedAt: null,
  ...overrides,
});

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 9, minute));

const queued = (conversationId: string, priority: QueuedConversation["priority"], minute: number) => ({
  conversationId,
  priority,
  queuedAt: at(minute),
});

const assignedTo = (decision: AssignmentDecision) => (decision.kind === "assign" ? decision.userId : null);

describe("chooseAssignee: who may take work", () => {
  it("queues with the reason when nobody can take the conversation", () => {
    expect(chooseAssignee("round_robin", [], null)).toEqual({ kind: "queue", reason: "no_members" });
    expect(
      chooseAssignee(
        "round_robin",
        [agent("a", { availability: "away" }), agent("b", { availability: "offline" })],
        null,
      ),
    ).toEqual({ kind: "queue", reason: "no_agent_online" });
    expect(
      chooseAssignee("least_loaded", [agent("a", { openCount: 5 }), agent("b", { capacity: 0 })], null),
    ).toEqual({ kind: "queue", reason: "all_at_capacity" });
  });

  it("never auto-assigns in a manual team, even with free agents online", () => {
    expect(chooseAssignee("manual", [agent("a")], null)).toEqual({ kind: "queue", reason: "manual_team" });
  });

  it("gives work only to online agents with room", () => {
    const agents = [
      agent("a", { availability: "away" }),
      agent("b", { availability: "offline" }),
      agent("c", { openCount: 5 }),
      agent("d", { openCount: 4 }),
    ];
    expect(assignedTo(chooseAssignee("round_robin", agents, null))).toBe("d");
    expect(assignedTo(chooseAssignee("least_loaded", agents, null))).toBe("d");
  });

  it("reads an agent over capacity as full", () => {
    expect(chooseAssignee("round_robin", [agent("a", { capacity: 2, openCount: 7 })], null)).toEqual({
      kind: "queue",
      reason: "all_at_capacity",
    });
  });
});

describe("chooseAssignee: round robin", () => {
  it("takes the next member by user id after the previous assignee, wrapping around", () => {
    const agents = [agent("c"), agent("a"), agent("b")];
    expect(assignedTo(chooseAssignee("round_robin", agents, null))).toBe("a");
    expect(assignedTo(chooseAssignee("round_robin", agents, "a"))).toBe("b");
    expect(assignedTo(chooseAssignee("round_robin", agents, "c"))).toBe("a");
  });

  it("keeps the turn when the previous assignee has left the team", () => {
    expect(assignedTo(chooseAssignee("round_robin", [agent("a"), agent("c")], "b"))).toBe("c");
  });

  it("skips members who are away or full", () => {
    const agents = [
      agent("a"),
      agent("b", { availability: "away" }),
      agent("c", { openCount: 5 }),
      agent("d"),
    ];
    expect(assignedTo(chooseAssignee("round_robin", agents, "a"))).toBe("d");
  });

  it("shares nine conversations three each among three agents", () => {
    const agents = [agent("a", { capacity: 10 }), agent("b", { capacity: 10 }), agent("c", { capacity: 10 })];
    const counts = new Map<string, number>();
    let previous: string | null = null;
    for (let i = 0; i < 9; i++) {
      const userId = assignedTo(chooseAssignee("round_robin", agents, previous));
      expect(userId).not.toBeNull();
      counts.set(userId!, (counts.get(userId!) ?? 0) + 1);
      previous = userId;
    }
    expect(Object.fromEntries(counts)).toEqual({ a: 3, b: 3, c: 3 });
  });
});

describe("chooseAssignee: least loaded", () => {
  it("picks the lowest share of capacity in use, not the lowest count", () => {
    const agents = [agent("a", { capacity: 10, openCount: 4 }), agent("b", { capacity: 4, openCount: 2 })];
    expect(chooseAssignee("least_loaded", agents, null)).toEqual({
      kind: "assign",
      userId: "a",
      reason: "Least loaded: 4 of 10 open",
    });
  });

  it("breaks a tie by who waited longest for work, never-assigned first, then by user id", () => {
    const tied = [
      agent("a", { openCount: 1, lastAssignedAt: at(30) }),
      agent("b", { openCount: 1, lastAssignedAt: at(10) }),
    ];
    expect(assignedTo(chooseAssignee("least_loaded", tied, null))).toBe("b");
    expect(assignedTo(chooseAssignee("least_loaded", [...tied, agent("z", { openCount: 1 })], null))).toBe(
      "z",
    );
    expect(assignedTo(chooseAssignee("least_loaded", [agent("y"), agent("x")], null))).toBe("x");
  });
});

describe("queueOrder", () => {
  it("puts urgent first and, within a priority, the longest waiting first", () => {
    const queue = [
      queued("n-late", "normal", 20),
      queued("u", "urgent", 30),
      queued("n-early", "normal", 5),
      queued("low", "low", 0),
      queued("h", "high", 40),
    ];
    expect(queueOrder(queue).map((c) => c.conversationId)).toEqual(["u", "h", "n-early", "n-late", "low"]);
  });

  it("keeps the given order for equal entries and does not change the input", () => {
    const queue = [queued("first", "high", 1), queued("second", "high", 1), queued("urgent", "urgent", 9)];
    expect(queueOrder(queue).map((c) => c.conversationId)).toEqual(["urgent", "first", "second"]);
    expect(queue.map((c) => c.conversationId)).toEqual(["first", "second", "urgent"]);
  });
});

describe("drainQueue", () => {
  it("assigns no more than free capacity allows, most pressing first", () => {
    const agents = [agent("a", { capacity: 2, openCount: 1 }), agent("b", { capacity: 1 })];
    const queue = [
      queued("normal-old", "normal", 0),
      queued("urgent", "urgent", 50),
      queued("high", "high", 40),
      queued("low", "low", 1),
    ];
    const result = drainQueue("least_loaded", agents, queue, null);
    expect(result.map((r) => r.conversationId)).toEqual(["urgent", "high"]);
    expect(new Set(result.map((r) => r.userId))).toEqual(new Set(["a", "b"]));
  });

  it("spreads work across agents with least-loaded instead of filling one", () => {
    const agents = [agent("a"), agent("b"), agent("c", { openCount: 2 })];
    const queue = [1, 2, 3, 4, 5].map((n) => queued(`c${n}`, "normal", n));
    expect(drainQueue("least_loaded", agents, queue, null)).toEqual([
      { conversationId: "c1", userId: "a" },
      { conversationId: "c2", userId: "b" },
      { conversationId: "c3", userId: "a" },
      { conversationId: "c4", userId: "b" },
      { conversationId: "c5", userId: "c" },
    ]);
  });

  it("continues round robin after the given member and skips those who fill up", () => {
    const agents = [agent("a", { capacity: 1 }), agent("b", { capacity: 3 }), agent("c", { capacity: 3 })];
    const queue = [1, 2, 3, 4, 5].map((n) => queued(`c${n}`, "normal", n));
    expect(drainQueue("round_robin", agents, queue, "a").map((r) => r.userId)).toEqual([
      "b",
      "c",
      "a",
      "b",
      "c",
    ]);
  });

  it("assigns nothing in a manual team, with nobody online, or with an empty queue", () => {
    const queue = [queued("c1", "urgent", 0)];
    expect(drainQueue("manual", [agent("a")], queue, null)).toEqual([]);
    expect(drainQueue("round_robin", [agent("a", { availability: "away" })], queue, null)).toEqual([]);
    expect(drainQueue("round_robin", [agent("a")], [], null)).toEqual([]);
  });

  it("does not change the loads it was given", () => {
    const agents = [agent("a", { capacity: 2 })];
    drainQueue("least_loaded", agents, [queued("c1", "normal", 0), queued("c2", "normal", 1)], null);
    expect(agents[0]?.openCount).toBe(0);
  });

  it("gives the same answer every time for the same input", () => {
    const agents = [agent("b"), agent("a"), agent("c", { lastAssignedAt: at(1) })];
    const queue = [queued("x", "high", 3), queued("y", "high", 3), queued("z", "urgent", 9)];
    const first = drainQueue("least_loaded", agents, queue, null);
    expect(drainQueue("least_loaded", [...agents].reverse(), queue, null)).toEqual(first);
    expect(first).toEqual([
      { conversationId: "z", userId: "a" },
      { conversationId: "x", userId: "b" },
      { conversationId: "y", userId: "c" },
    ]);
  });
});
