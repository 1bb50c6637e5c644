import { describe, expect, it } from "vitest";
import { memberChangeRefusal } from "./memberChanges.ts";

const agent = { id: "agent", role: "agent" as const, disabled: false };
const otherAdmin = { id: "other-admin", role: "admin" as const, disabled: false };

describe("memberChangeRefusal", () => {
  it("lets an admin change another member's role and access", () => {
    expect(memberChangeRefusal("admin", agent, { kind: "role", to: "supervisor" }, 1)).toBeNull();
    expect(memberChangeRefusal("admin", agent, { kind: "deactivate" }, 1)).toBeNull();
    expect(memberChangeRefusal("admin", otherAdmin, { kind: "deactivate" }, 2)).toBeNull();
  });

  it("refuses changes to one's own role or access", () => {
    const self = { ...otherAdmin, id: "admin" };
    expect(memberChangeRefusal("admin", self, { kind: "role", to: "agent" }, 2)?.code).toBe(
      "cannot_change_self",
    );
    expect(memberChangeRefusal("admin", self, { kind: "deactivate" }, 2)?.code).toBe("cannot_change_self");
  });

  it("keeps at least one active admin", () => {
    expect(memberChangeRefusal("admin", otherAdmin, { kind: "role", to: "agent" }, 1)?.code).toBe(
      "last_admin",
    );
    expect(memberChangeRefusal("admin", otherAdmin, { kind: "deactivate" }, 1)?.code).toBe("last_admin");
    // Keeping the role, or changing a member who is no admin, never removes one.
    expect(memberChangeRefusal("admin", otherAdmin, { kind: "role", to: "admin" }, 1)).toBeNull();
    expect(
      memberChangeRefusal("admin", { ...otherAdmin, disabled: true }, { kind: "reactivate" }, 1),
    ).toBeNull();
  });
});
