import { eq, sql } from "drizzle-orm";
import type { Logger } from "../logger.ts";
import { queueWebhook } from "../notifications/outboundWebhooks.ts";
import { notifyUsers, supervisorIds, teamMemberIds } from "../notifications/userNotifications.ts";
import type { Db, Tx } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { conversations, slaClocks } from "../store/schema.ts";
import { recordConversationEvent } from "./conversationEvents.ts";
import { choosePolicy } from "./slaPolicyChoice.ts";
import { claimDueClocks, refreshSlaClocks, type SlaClockRow, slaContextOf } from "./slaTracker.ts";
import type { TriageConfig, TriageConfigs } from "./triageConfig.ts";

const METRIC_NAMES: Record<string, string> = {
  first_response: "first response",
  next_response: "next response",
  resolution: "resolution",
};

/**
 * Announces SLA warnings and breaches when their moment comes: in the app, on the workspace's alert webhook,
 * and to automation rules (as sla_warning / sla_breached events); a breach also runs the policy's escalation.
 * The instants recorded are the clock's own (warningAt, dueAt), exact to the second however late the sweep.
 */
export async function sweepSlaClocks(db: Db, configs: TriageConfigs, log: Logger): Promise<number> {
  const due = await claimDueClocks(db, 50);
  let announced = 0;
  for (const { conversationId, workspaceId } of due) {
    try {
      // Read before the transaction: PGlite has one connection, which the transaction would be holding.
      const config = await configs.forWorkspace(db, workspaceId);
      announced += await db.transaction(async (tx) => {
        const [conversation] = await tx
          .select()
          .from(conversations)
          .where(eq(conversations.id, conversationId))
          .for("update", { skipLocked: true });
        if (!conversation) return 0;
        const clocks = await refreshSlaClocks(tx, slaContextOf(config, conversation), new Date());
        let count = 0;
        for (const clock of clocks) {
          if (clock.phase !== "running") continue;
          if (clock.state === "breached" && !clock.breachedAt && clock.dueAt) {
            await announce(tx, config, conversation, clock, "sla_breached");
            count += 1;
          } else if (!clock.warnedAt && clock.warningAt && clock.warningAt <= new Date()) {
            await announce(tx, config, conversation, clock, "sla_warning");
            count += 1;
          }
        }
        return count;
      });
    } catch (err) {
      log.warn({ err: String(err), conversationId }, "SLA sweep of a conversation failed");
    }
  }
  return announced;
}

async function announce(
  tx: Tx,
  config: TriageConfig,
  conversation: typeof conversations.$inferSelect,
  clock: SlaClockRow,
  kind: "sla_warning" | "sla_breached",
): Promise<void> {
  const breached = kind === "sla_breached";
  const at = breached ? clock.dueAt! : clock.warningAt!;
  await tx
    .update(slaClocks)
    .set(
      breached
        ? { breachedAt: at, warnedAt: sql`coalesce(${slaClocks.warnedAt}, ${at.toISOString()}::timestamptz)` }
        : { warnedAt: at },
    )
    .where(sql`${slaClocks.conversationId} = ${conversation.id} AND ${slaClocks.metric} = ${clock.metric}`);
  const metric = METRIC_NAMES[clock.metric] ?? clock.metric;
  const text = breached
    ? `SLA breached: ${metric} was due ${at.toISOString()} (${clock.policyName})`
    : `SLA warning: ${metric} is due ${clock.dueAt?.toISOString() ?? "soon"} (${clock.policyName})`;
  await recordConversationEvent(tx, {
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    type: kind,
    details: { metric: clock.metric, round: clock.round, dueAt: clock.dueAt?.toISOString() ?? null },
    occurredAt: at,
  });
  const people = conversation.assigneeId
    ? [conversation.assigneeId]
    : await teamMemberIds(tx, conversation.teamId ? [conversation.teamId] : []);
  if (breached) people.push(...(await supervisorIds(tx, conversation.workspaceId)));
  if (breached) await escalate(tx, config, conversation, people);
  await notifyUsers(tx, conversation.workspaceId, people, {
    kind,
    conversationId: conversation.id,
    text,
    data: { metric: clock.metric, dueAt: clock.dueAt?.toISOString() ?? null, policy: clock.policyName },
  });
  const payload = {
    type: breached ? "sla.breached" : "sla.warning",
    conversationId: conversation.id,
    metric: clock.metric,
    policy: clock.policyName,
    targetSeconds: clock.targetSeconds,
    dueAt: clock.dueAt?.toISOString() ?? null,
    at: at.toISOString(),
    priority: conversation.priority,
    teamId: conversation.teamId,
    assigneeId: conversation.assigneeId,
    text,
  };
  const targets = [
    ...(config.alertWebhookUrl ? [config.alertWebhookUrl] : []),
    // E-mail is for breaches only: a warning is for the people in the app, not for inboxes.
    ...(breached ? config.alertEmails.map((address) => `mailto:${address}`) : []),
  ];
  for (const url of targets)
    await queueWebhook(tx, { workspaceId: conversation.workspaceId, url, source: "sla", payload });
  await notifyChange(tx, {
    workspaceId: conversation.workspaceId,
    type: "conversation.updated",
    conversationId: conversation.id,
  });
}

/** The policy's escalation at breach: a higher priority, another team, more people told. */
async function escalate(
  tx: Tx,
  config: TriageConfig,
  conversation: typeof conversations.$inferSelect,
  people: string[],
): Promise<void> {
  const policy = choosePolicy(config.policies, conversation.teamId, conversation.priority);
  const escalation = policy.escalation as {
    raisePriority?: string;
    teamId?: string;
    notifyUserIds?: string[];
  };
  const set: Partial<typeof conversations.$inferInsert> = {};
  const order = ["low", "normal", "high", "urgent"];
  if (
    escalation.raisePriority &&
    order.indexOf(escalation.raisePriority) > order.indexOf(conversation.priority) &&
    !conversation.prioritySetByAgent
  ) {
    set.priority = escalation.raisePriority as "high" | "urgent";
    set.priorityReasons = [...conversation.priorityReasons, { kind: "sla_breach", detail: policy.name }];
  }
  if (escalation.teamId && config.teams.has(escalation.teamId) && escalation.teamId !== conversation.teamId) {
    set.teamId = escalation.teamId;
    // Unassigned, it waits in the new team's queue and is given to its next free member.
    if (!conversation.assigneeId) set.queuedAt = new Date();
    people.push(...(await teamMemberIds(tx, [escalation.teamId])));
  }
  people.push(...(escalation.notifyUserIds ?? []));
  if (Object.keys(set).length === 0) return;
  await tx
    .update(conversations)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(conversations.id, conversation.id));
  if (set.priority)
    await recordConversationEvent(tx, {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      type: "priority_changed",
      details: { priority: set.priority, reason: "sla_breach" },
    });
}
