import { adapterFor } from "../channels/registry.ts";
import { notifyUsers, supervisorIds } from "../notifications/userNotifications.ts";
import { writeModerationRequest } from "../outbox/moderationRequester.ts";
import { judgeComment } from "../playbook/moderation/communityRules.ts";
import type { Tx } from "../store/database.ts";
import { auditLog, moderationCases } from "../store/schema.ts";
import { type InboundMessageFacts, recentTextsByAuthor } from "./messageTriage.ts";
import type { TriageConfig } from "./triageConfig.ts";

/**
 * Applies the community rules to a new public comment. A clear break is hidden through the outbox (reversible:
 * unhide), a doubtful one waits for a person; nothing is ever deleted here. Every decision is a moderation
 * case and an audit-log entry. Returns whether the comment is being hidden.
 */
export async function moderateComment(
  tx: Tx,
  config: TriageConfig,
  conversation: { id: string; workspaceId: string },
  message: InboundMessageFacts,
): Promise<boolean> {
  if (message.visibility !== "public" || !message.externalId || message.hiddenAt || !message.text.trim())
    return false;
  const verdict = judgeComment(
    message.text,
    config.communityRules,
    { recentTextsBySameAuthor: await recentTextsByAuthor(tx, message) },
    config.community,
  );
  if (verdict.action === "none") return false;
  const canHide = adapterFor(message.platform)?.capabilities.moderation?.includes("hide") ?? false;
  // A platform that cannot hide from Parley still gets the case, for a person to act on there.
  const action = verdict.action === "hide" && canHide ? "hide" : "review";
  const inserted = await tx
    .insert(moderationCases)
    .values({
      workspaceId: conversation.workspaceId,
      messageId: message.id,
      conversationId: conversation.id,
      action,
      violations: verdict.violations,
      summary: verdict.summary,
      status: action === "hide" ? "hidden" : "pending",
    })
    .onConflictDoNothing()
    .returning({ id: moderationCases.id });
  if (inserted.length === 0) return false;
  await tx.insert(auditLog).values({
    workspaceId: conversation.workspaceId,
    actorUserId: null,
    action: action === "hide" ? "moderation.auto_hidden" : "moderation.queued_for_review",
    targetType: "message",
    targetId: message.id,
    details: { conversationId: conversation.id, violations: verdict.violations, summary: verdict.summary },
  });
  if (action === "hide") {
    await writeModerationRequest(tx, null, {
      conversationId: conversation.id,
      messageId: message.id,
      operation: "hide",
      reason: verdict.summary,
    });
    return true;
  }
  await notifyUsers(tx, conversation.workspaceId, await supervisorIds(tx, conversation.workspaceId), {
    kind: "moderation_review",
    conversationId: conversation.id,
    text: verdict.summary,
    data: { rules: [...new Set(verdict.violations.map((v) => v.rule))] },
  });
  return false;
}
