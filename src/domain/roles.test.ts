import { describe, expect, it } from "vitest";
import { canManageChannels, canSeeConversation, type Viewer } from "./roles.ts";

const agent: Viewer = { userId: "u1", workspaceId: "w", role: "agent", teamIds: ["t1"] };

describe("permissions", () => {
  it("lets an agent see their teams' conversations and their own assignments only", () => {
    expect(canSeeConversation(agent, { teamId: "t1", assigneeId: null })).toBe(true);
    expect(canSeeConversation(agent, { teamId: "t2", assigneeId: null })).toBe(false);
    expect(canSeeConversation(agent, { teamId: "t2", assigneeId: "u1" })).toBe(true);
    expect(canSeeConversation(agent, { teamId: null, assigneeId: null })).toBe(false);
  });
  it("lets supervisors and admins see everything but only admins manage channels", () => {
    expect(canSeeConversation({ ...agent, role: "supervisor" }, { teamId: "t9", assigneeId: null })).toBe(
      true,
    );
    expect(canManageChannels({ ...agent, role: "supervisor" })).toBe(false);
    expect(canManageChannels({ ...agent, role: "admin" })).toBe(true);
  });
});
