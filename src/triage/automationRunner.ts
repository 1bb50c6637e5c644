import { and, eq, inArray } from "drizzle-orm";
import { queueWebhook } from "../notifications/outboundWebhooks.ts";
import { notifyUsers, teamMemberIds } from "../notifications/userNotifications.ts";
import { writeModerationRequest } from "../outbox/moderationRequester.ts";
import { writeReply } from "../outbox/replySender.ts";
import type { Tx } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { automationRuns, conversations, messages, users } from "../store/schema.ts";
import { nextChain, type RuleChain } from "./automation/loopGuard.ts";
import { matchingRules } from "./automation/ruleEvaluator.ts";
import type { AutomationRule, RuleAction, RuleEvent } from "./automation/ruleSchema.ts";
import { cannedReplyText } from "./cannedReplyText.ts";
import { recordConversationEvent } from "./conversationEvents.ts";
import { loadRuleFacts } from "./ruleFacts.ts";
import type { TriageConfig } from "./triageConfig.ts";

export interface ActionResult {
  type: RuleAction["type"];
  ok: boolean;
  detail: string;
}

/**
 * Runs the workspace's enabled rules for one event, each in a savepoint so one failing action (a reply the
 * platform's rules refuse, a vanished agent) is logged and the others still apply. Events the actions raise
 * carry the chain, so a rule that sets itself off is stopped on its second turn and the stop is logged too.
 */
export async function runAutomation(
  tx: Tx,
  config: TriageConfig,
  event: RuleEvent,
  conversationId: string,
  chain: RuleChain,
  options: { messageId?: string | undefined } = {},
): Promise<number> {
  const candidates = config.automationRules.filter((rule) => rule.enabled && rule.event === event);
  if (candidates.length === 0) return 0;
  const facts = await loadRuleFacts(tx, conversationId, event, { messageId: options.messageId });
  if (!facts) return 0;
  let ran = 0;
  for (const rule of matchingRules(candidates, facts)) {
    const step = nextChain(chain, rule.id);
    if ("stopped" in step) {
      await tx.insert(automationRuns).values({
        workspaceId: config.workspaceId,
        ruleId: rule.id,
        conversationId,
        event,
        status: "loop_stopped",
        error: step.message,
      });
      continue;
    }
    const results: ActionResult[] = [];
    for (const action of rule.actions) {
      try {
        const detail = await tx.transaction((savepoint) =>
          applyAction(savepoint, config, rule, action, conversationId, step.chain, options.messageId),
        );
        results.push({ type: action.type, ok: true, detail });
      } catch (err) {
        results.push({
          type: action.type,
          ok: false,
          detail: err instanceof Error ? err.message : String(err),
        });
      }
    }
    const failed = results.filter((result) => !result.ok).length;
    await tx.insert(automationRuns).values({
      workspaceId: config.workspaceId,
      ruleId: rule.id,
      conversationId,
      event,
      status: failed === 0 ? "applied" : failed === results.length ? "failed" : "partial",
      results,
      error: failed > 0 ? results.find((result) => !result.ok)!.detail : null,
    });
    ran += 1;
  }
  if (ran > 0)
    await notifyChange(tx, { workspaceId: config.workspaceId, type: "conversation.updated", conversationId });
  return ran;
}

async function applyAction(
  tx: Tx,
  config: TriageConfig,
  rule: AutomationRule,
  action: RuleAction,
  conversationId: string,
  chain: RuleChain,
  messageId: string | undefined,
): Promise<string> {
  const [conversation] = await tx.select().from(conversations).where(eq(conversations.id, conversationId));
  if (!conversation) throw new Error("The conversation no longer exists");
  const workspaceId = conversation.workspaceId;
  const raise = (type: "status_changed" | "assignment_changed" | "priority_changed", details: object) =>
    recordConversationEvent(tx, {
      workspaceId,
      conversationId,
      type,
      details: { ...details, chain, byRuleId: rule.id },
    });
  const update = (set: Partial<typeof conversations.$inferInsert>) =>
    tx
      .update(conversations)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(conversations.id, conversationId));

  switch (action.type) {
    case "assign_agent": {
      const [user] = await tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(
          and(eq(users.id, action.userId), eq(users.workspaceId, workspaceId), eq(users.disabled, false)),
        );
      if (!user) throw new Error("The agent to assign is not an active member of this workspace");
      if (conversation.assigneeId === user.id) return `already assigned to ${user.name}`;
      await update({ assigneeId: user.id, assignedAt: new Date(), queuedAt: null });
      await raise("assignment_changed", { assigneeId: user.id });
      return `assigned to ${user.name}`;
    }
    case "assign_team": {
      const team = config.teams.get(action.teamId);
      if (!team) throw new Error("The team no longer exists");
      await update({ teamId: team.id, queuedAt: null });
      return `handed to team ${team.name}`;
    }
    case "set_category": {
      const category = config.categoriesByKey.get(action.categoryKey);
      if (!category) throw new Error(`No category "${action.categoryKey}"`);
      await update({ categoryId: category.id, categorySource: "automation", categoryConfidence: null });
      return `category ${category.key}`;
    }
    case "set_priority": {
      if (conversation.priority === action.priority) return `priority already ${action.priority}`;
      await update({
        priority: action.priority,
        priorityReasons: [{ kind: "automation", detail: rule.name }],
      });
      await raise("priority_changed", { priority: action.priority });
      return `priority ${action.priority}`;
    }
    case "set_status": {
      if (conversation.status === action.status) return `status already ${action.status}`;
      await update({
        status: action.status,
        ...(action.status === "resolved"
          ? { awaitingReply: false, resolvedAt: new Date(), queuedAt: null }
          : {}),
      });
      await raise("status_changed", { status: action.status, before: { status: conversation.status } });
      return `status ${action.status}`;
    }
    case "add_label":
    case "remove_label": {
      const labels = new Set(conversation.labels);
      if (action.type === "add_label") labels.add(action.label);
      else labels.delete(action.label);
      await update({ labels: [...labels] });
      return `${action.type === "add_label" ? "added" : "removed"} label ${action.label}`;
    }
    case "send_canned_reply": {
      const text = await cannedReplyText(tx, config, conversation, action.cannedReplyId, null);
      await writeReply(tx, {
        conversationId,
        authorUserId: null,
        automatedBy: `automation:${rule.id}`,
        text,
        visibility: action.visibility,
      });
      return "canned reply queued";
    }
    case "private_reply": {
      if (conversation.visibility !== "public") throw new Error("A private reply answers a public comment");
      await writeReply(tx, {
        conversationId,
        authorUserId: null,
        automatedBy: `automation:${rule.id}`,
        text: action.text,
        visibility: "private",
        inReplyToMessageId: messageId,
      });
      return "private reply queued";
    }
    case "hide_comment": {
      const target = messageId ?? (await latestInboundId(tx, conversationId));
      if (!target) throw new Error("No comment to hide");
      await writeModerationRequest(tx, null, {
        conversationId,
        messageId: target,
        operation: "hide",
        reason: `automation rule "${rule.name}"`,
      });
      return "hide requested";
    }
    case "notify": {
      const recipients = [
        ...(action.userIds ?? []),
        ...(action.teamId ? await teamMemberIds(tx, [action.teamId]) : []),
      ];
      const known = recipients.length
        ? await tx
            .select({ id: users.id })
            .from(users)
            .where(and(inArray(users.id, recipients), eq(users.workspaceId, workspaceId)))
        : [];
      await notifyUsers(
        tx,
        workspaceId,
        known.map((user) => user.id),
        { kind: "automation", conversationId, text: action.text },
      );
      return `notified ${known.length}`;
    }
    case "call_webhook": {
      await queueWebhook(tx, {
        workspaceId,
        url: action.url,
        source: `automation:${rule.id}`,
        payload: {
          type: "automation.rule_fired",
          rule: { id: rule.id, name: rule.name },
          conversation: {
            id: conversation.id,
            status: conversation.status,
            priority: conversation.priority,
            teamId: conversation.teamId,
            assigneeId: conversation.assigneeId,
          },
        },
      });
      return "webhook queued";
    }
  }
}

async function latestInboundId(tx: Tx, conversationId: string): Promise<string | undefined> {
  const rows = await tx
    .select({ id: messages.id, sentAt: messages.sentAt })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, "in")));
  return rows.sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime())[0]?.id;
}
