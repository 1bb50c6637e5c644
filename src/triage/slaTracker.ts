import { and, asc, eq, sql } from "drizzle-orm";
import type { BusinessHours } from "../domain/sla/businessHours.ts";
import { type SlaEvent, slaClockAt } from "../domain/sla/slaClock.ts";
import {
  type ClockPhase,
  SLA_METRICS,
  type SlaMetric,
  type SlaTrigger,
  slaWritesFor,
} from "../domain/sla/slaTransitions.ts";
import type { DbOrTx } from "../store/database.ts";
import { conversations, slaClocks, slaEvents } from "../store/schema.ts";
import { choosePolicy, clockPolicy, measuredMetrics, type StoredSlaPolicy } from "./slaPolicyChoice.ts";
import type { TriageConfig } from "./triageConfig.ts";

export interface SlaContext {
  workspaceId: string;
  conversationId: string;
  policy: StoredSlaPolicy;
  businessHours: BusinessHours | undefined;
}

export type SlaClockRow = typeof slaClocks.$inferSelect;

/** Which policy and which hours a conversation's clocks run on: its team's, at its priority. */
export function slaContextOf(
  config: Pick<TriageConfig, "policies" | "teams">,
  conversation: { id: string; workspaceId: string; teamId: string | null; priority: string },
): SlaContext {
  return {
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    policy: choosePolicy(config.policies, conversation.teamId, conversation.priority),
    businessHours: conversation.teamId ? config.teams.get(conversation.teamId)?.businessHours : undefined,
  };
}

export async function currentPhases(
  db: DbOrTx,
  conversationId: string,
): Promise<Partial<Record<SlaMetric, ClockPhase>>> {
  const rows = await db
    .select({ metric: slaClocks.metric, round: slaClocks.round, phase: slaClocks.phase })
    .from(slaClocks)
    .where(eq(slaClocks.conversationId, conversationId));
  return Object.fromEntries(rows.map((row) => [row.metric, { round: row.round, phase: row.phase }]));
}

/** Writes the clock events a conversation event causes, then brings the clocks' reading up to date. */
export async function applySlaTrigger(
  db: DbOrTx,
  context: SlaContext,
  trigger: SlaTrigger,
  at: Date,
  /** The clocks' phases when the caller already read them in this transaction (with the message, say). */
  knownPhases?: Partial<Record<SlaMetric, ClockPhase>>,
): Promise<void> {
  const phases = knownPhases ?? (await currentPhases(db, context.conversationId));
  const writes = slaWritesFor(trigger, phases, measuredMetrics(context.policy));
  if (writes.length === 0) return;
  await db.insert(slaEvents).values(
    writes.map((write) => ({
      workspaceId: context.workspaceId,
      conversationId: context.conversationId,
      metric: write.metric,
      round: write.round,
      type: write.type,
      at,
    })),
  );
  await refreshSlaClocks(db, context, at);
}

/**
 * Recomputes every clock of a conversation from its stored events under the policy that applies now (a team
 * or priority change changes the target, never the history). `now` is at least the latest event, so a
 * platform timestamp a little ahead of this machine's clock is not ignored.
 */
export async function refreshSlaClocks(db: DbOrTx, context: SlaContext, now: Date): Promise<SlaClockRow[]> {
  const events = await db
    .select()
    .from(slaEvents)
    .where(eq(slaEvents.conversationId, context.conversationId))
    .orderBy(asc(slaEvents.id));
  const stored = new Map(
    (await db.select().from(slaClocks).where(eq(slaClocks.conversationId, context.conversationId))).map(
      (row) => [row.metric, row],
    ),
  );
  const refreshed: SlaClockRow[] = [];
  for (const metric of SLA_METRICS) {
    const ofMetric = events.filter((event) => event.metric === metric);
    if (ofMetric.length === 0) continue;
    const round = Math.max(...ofMetric.map((event) => event.round));
    const roundEvents: SlaEvent[] = ofMetric
      .filter((event) => event.round === round)
      .map((event) => ({ type: event.type, at: event.at }));
    const policy = clockPolicy(context.policy, metric, context.businessHours);
    const previous = stored.get(metric);
    if (!policy) {
      // The policy no longer measures this metric: forget its reading so nothing warns about it.
      if (previous) await db.delete(slaClocks).where(clockKey(context.conversationId, metric));
      continue;
    }
    const latest = roundEvents.reduce((max, event) => Math.max(max, event.at.getTime()), 0);
    const clock = slaClockAt(policy, roundEvents, new Date(Math.max(now.getTime(), latest)));
    const phase = clock.stoppedAt ? "stopped" : clock.running ? "running" : "paused";
    const sameRound = previous?.round === round;
    const values = {
      conversationId: context.conversationId,
      metric,
      workspaceId: context.workspaceId,
      round,
      policyId: context.policy.id || null,
      policyName: context.policy.name,
      targetSeconds: clock.targetSeconds,
      state: clock.state,
      phase,
      elapsedSeconds: clock.elapsedSeconds,
      dueAt: clock.dueAt,
      warningAt: clock.warningAt,
      startedAt: clock.startedAt,
      stoppedAt: clock.stoppedAt,
      warnedAt: sameRound ? (previous?.warnedAt ?? null) : null,
      // A round that ended late is recorded as breached without an alert: the moment to act has passed.
      breachedAt:
        (sameRound ? previous?.breachedAt : null) ??
        (clock.state === "breached" && phase === "stopped" ? clock.dueAt : null),
      updatedAt: new Date(),
    } satisfies typeof slaClocks.$inferInsert;
    const [row] = await db
      .insert(slaClocks)
      .values(values)
      .onConflictDoUpdate({ target: [slaClocks.conversationId, slaClocks.metric], set: values })
      .returning();
    refreshed.push(row!);
  }
  await keepNextDueAt(db, context.conversationId);
  return refreshed;
}

/**
 * The inbox sorts "SLA due soonest" by a key on the conversation row rather than by a subquery per row over
 * every conversation; every change of a clock's phase or due time passes here, so this is where it is kept.
 * The row is written only when the key moves (most refreshes leave it as it was).
 */
export async function keepNextDueAt(db: DbOrTx, conversationId: string): Promise<void> {
  const due = sql`coalesce((SELECT min(${slaClocks.dueAt}) FROM ${slaClocks}
    WHERE ${slaClocks.conversationId} = ${conversationId} AND ${slaClocks.phase} = 'running'), 'infinity'::timestamptz)`;
  await db
    .update(conversations)
    .set({ nextDueAt: due })
    .where(
      and(eq(conversations.id, conversationId), sql`${conversations.nextDueAt} IS DISTINCT FROM ${due}`),
    );
}

function clockKey(conversationId: string, metric: SlaMetric) {
  return and(eq(slaClocks.conversationId, conversationId), eq(slaClocks.metric, metric));
}

/** Clocks whose warning or breach moment has come and not yet been announced. */
export async function claimDueClocks(
  db: DbOrTx,
  limit: number,
): Promise<{ conversationId: string; workspaceId: string }[]> {
  const result = (await db.execute(sql`
    SELECT DISTINCT conversation_id, workspace_id FROM (
      SELECT conversation_id, workspace_id FROM sla_clocks
      WHERE phase = 'running' AND warned_at IS NULL AND warning_at <= now()
      UNION ALL
      SELECT conversation_id, workspace_id FROM sla_clocks
      WHERE phase = 'running' AND breached_at IS NULL AND due_at <= now()
    ) due LIMIT ${limit}`)) as unknown as { rows: { conversation_id: string; workspace_id: string }[] };
  return result.rows.map((row) => ({ conversationId: row.conversation_id, workspaceId: row.workspace_id }));
}
