import { and, eq } from "drizzle-orm";
import type { Viewer } from "../domain/roles.ts";
import { writeModerationRequest } from "../outbox/moderationRequester.ts";
import { ActionRejectedError } from "../outbox/replySender.ts";
import type { Db } from "../store/database.ts";
import { auditLog, moderationCases } from "../store/schema.ts";

export type ModerationDecision = "hide" | "keep" | "restore";

/**
 * A person's decision on a moderation case: hide a comment waiting for review, keep it visible, or restore
 * (unhide) one a community rule hid. Each is logged; the platform call goes through the outbox.
 */
export async function decideModerationCase(
  db: Db,
  viewer: Viewer,
  caseId: number,
  decision: ModerationDecision,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [found] = await tx
      .select()
      .from(moderationCases)
      .where(and(eq(moderationCases.id, caseId), eq(moderationCases.workspaceId, viewer.workspaceId)))
      .for("update");
    if (!found) throw new ActionRejectedError("not_found", "Moderation case not found");
    const allowed: Record<string, ModerationDecision[]> = {
      pending: ["hide", "keep"],
      hidden: ["restore"],
      kept: ["hide"],
      restored: ["hide"],
    };
    if (!allowed[found.status]?.includes(decision))
      throw new ActionRejectedError(
        "invalid_decision",
        `A ${found.status} comment cannot be given "${decision}"; possible: ${allowed[found.status]?.join(", ")}`,
      );
    if (decision !== "keep")
      await writeModerationRequest(tx, viewer.userId, {
        conversationId: found.conversationId,
        messageId: found.messageId,
        operation: decision === "hide" ? "hide" : "unhide",
        reason: `moderation case ${found.id}: ${decision}`,
      });
    const status = decision === "hide" ? "hidden" : decision === "keep" ? "kept" : "restored";
    await tx
      .update(moderationCases)
      .set({ status, decidedBy: viewer.userId, decidedAt: new Date() })
      .where(eq(moderationCases.id, found.id));
    await tx.insert(auditLog).values({
      workspaceId: viewer.workspaceId,
      actorUserId: viewer.userId,
      action: `moderation.case_${decision}`,
      targetType: "message",
      targetId: found.messageId,
      details: { caseId: found.id, summary: found.summary },
    });
  });
}
