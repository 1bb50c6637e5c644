import { eq, sql } from "drizzle-orm";
import { markReportsStale } from "../analytics/reportEvents.ts";
import type { SlicePacing } from "../ingest/slicePacing.ts";
import type { Logger } from "../logger.ts";
import { answersCustomer } from "../outbox/replySender.ts";
import { type Playbook, playbookFor } from "../playbook/playbookIndex.ts";
import type { Db, Tx } from "../store/database.ts";
import { withGatheredNotices } from "../store/notify.ts";
import { databaseErrorText } from "../store/pgErrors.ts";
import { conversationEvents, conversations } from "../store/schema.ts";
import { scheduleAfterResolution } from "../surveys/resolutionFollowUps.ts";
import { type RuleChain, startChain } from "./automation/loopGuard.ts";
import { runAutomation } from "./automationRunner.ts";
import { answerWithBot } from "./botResponder.ts";
import { moderateComment } from "./commentModerator.ts";
import { assignOrQueue, drainTeamQueue } from "./conversationAssigner.ts";
import { recordedEventCount } from "./conversationEvents.ts";
import { loadInboundMessage, triageInboundMessage } from "./messageTriage.ts";
import { applySlaTrigger, refreshSlaClocks, slaContextOf } from "./slaTracker.ts";
import type { TriageConfig, TriageConfigs } from "./triageConfig.ts";

const CONVERSATIONS_PER_BATCH = 20;
/** Events one conversation may raise while being triaged; far above any real chain, well below a runaway. */
const MAX_EVENTS_PER_CONVERSATION = 100;
const MAX_ATTEMPTS = 5;

type EventRow = typeof conversationEvents.$inferSelect;
type ConversationRow = typeof conversations.$inferSelect;

export interface TriageDeps {
  db: Db;
  configs: TriageConfigs;
  log: Logger;
  /**
   * Where the database runs one statement at a time for the whole process (PGlite): the batch's transaction stops
   * taking conversations once its slice is over and a webhook's acknowledgement waits.
   */
  pacing?: Pick<SlicePacing, "sliceOver"> | undefined;
}

interface Candidate {
  conversationId: string;
  config: TriageConfig;
  playbook: Playbook;
}

/**
 * Triage consumes conversation events in order, one conversation at a time under its row lock. The conversations
 * of a batch share one transaction (two statements fewer each, and one set of change notices); if any of them
 * fails, the batch is rolled back and taken again one conversation per transaction, so a failure rolls back that
 * conversation's triage alone, is retried with backoff, and after MAX_ATTEMPTS is set aside with its error so it
 * never blocks the others.
 */
export async function triagePendingEvents(deps: TriageDeps): Promise<number> {
  const pending = (await deps.db.execute(sql`
    SELECT conversation_id, workspace_id FROM (
      SELECT conversation_id, workspace_id, min(id) AS first_id FROM conversation_events
      WHERE processed_at IS NULL AND next_attempt_at <= now()
      GROUP BY conversation_id, workspace_id ORDER BY first_id LIMIT ${CONVERSATIONS_PER_BATCH}) pending`)) as unknown as {
    rows: { conversation_id: string; workspace_id: string }[];
  };
  if (pending.rows.length === 0) return 0;
  // Read before the transaction: PGlite has one connection, which the transaction would be holding. One look per
  // run at whether a workspace's playbook changed, not one per conversation.
  const playbooks = new Map<string, Promise<Playbook>>();
  const candidates: Candidate[] = [];
  for (const { conversation_id: conversationId, workspace_id: workspaceId } of pending.rows) {
    const config = await deps.configs.forWorkspace(deps.db, workspaceId);
    if (!playbooks.has(workspaceId)) playbooks.set(workspaceId, playbookFor(deps.db, workspaceId));
    candidates.push({ conversationId, config, playbook: await playbooks.get(workspaceId)! });
  }
  try {
    return await deps.db.transaction((tx) => triageTogether(tx, candidates, deps.pacing));
  } catch (err) {
    deps.log.warn(
      { err: databaseErrorText(err) },
      "triage of a batch failed; taking its conversations one by one",
    );
  }
  let handled = 0;
  for (const candidate of candidates) {
    try {
      handled += await deps.db.transaction((tx) => triageTogether(tx, [candidate]));
    } catch (err) {
      deps.log.warn(
        { err: databaseErrorText(err), conversationId: candidate.conversationId },
        "triage of a conversation failed; will retry",
      );
      await setAsideFailure(deps.db, candidate.conversationId, err);
    }
  }
  return handled;
}

/**
 * Triages the candidates one after another in the transaction `tx`, with their change notices and report stale
 * marks written together at the end; with `pacing`, stops taking conversations once the slice is over (the rest
 * stay pending, first in line for the next run).
 */
function triageTogether(tx: Tx, candidates: readonly Candidate[], pacing?: TriageDeps["pacing"]) {
  return withGatheredNotices(tx, async () => {
    const started = performance.now();
    const staleReports: { workspaceId: string; conversationId: string }[] = [];
    let handled = 0;
    let taken = 0;
    for (const { conversationId, config, playbook } of candidates) {
      if (pacing?.sliceOver(started, taken)) break;
      handled += await triageConversation(tx, config, playbook, conversationId, staleReports);
      taken += 1;
    }
    await markReportsStale(tx, staleReports);
    return handled;
  });
}

async function setAsideFailure(db: Db, conversationId: string, err: unknown): Promise<void> {
  const message = databaseErrorText(err);
  await db.execute(sql`
    UPDATE conversation_events SET attempts = attempts + 1, error = ${message.slice(0, 1000)},
      next_attempt_at = now() + make_interval(secs => least(300, 2 ^ attempts)),
      processed_at = CASE WHEN attempts + 1 >= ${MAX_ATTEMPTS} THEN now() END
    WHERE id = (SELECT min(id) FROM conversation_events
      WHERE conversation_id = ${conversationId} AND processed_at IS NULL)`);
}

async function triageConversation(
  tx: Tx,
  config: TriageConfig,
  playbook: Playbook,
  conversationId: string,
  /** Where it notes a conversation whose report facts its triage changed; the caller marks them in one statement. */
  staleReports: { workspaceId: string; conversationId: string }[],
): Promise<number> {
  const locked = await tx
    .select()
    .from(conversations)
    .where(eq(conversations.id, conversationId))
    .for("update", { skipLocked: true });
  if (!locked[0]) {
    // Locked by another worker (it will see these events), or gone: then its events go with it (cascade).
    return 0;
  }
  let handled = 0;
  // Deferred so rules on "conversation created" see the first message's category, priority and team.
  let createdEvent: EventRow | null = null;
  // The row as locked is the conversation as its first event finds it; after that, handlers have changed it.
  let unchanged: ConversationRow | null = locked[0];
  while (handled < MAX_EVENTS_PER_CONVERSATION) {
    const recordedBefore = recordedEventCount();
    const events = await claimPendingEvents(tx, conversationId, MAX_EVENTS_PER_CONVERSATION - handled);
    for (const event of events) {
      if (event.type === "conversation_created") createdEvent = event;
      else {
        await handleEvent(tx, config, playbook, event, createdEvent, unchanged);
        unchanged = null;
      }
      if (event.type === "message_received") createdEvent = null;
      handled += 1;
    }
    // Handlers raise events of their own (an automation's status change): those are taken in the same turn.
    if (events.length === 0 || recordedEventCount() === recordedBefore) break;
  }
  if (createdEvent) await runAutomation(tx, config, "conversation_created", conversationId, startChain());
  // Triage changed the clocks, team, category or language: the report facts follow.
  if (handled > 0) staleReports.push({ workspaceId: locked[0].workspaceId, conversationId });
  return handled;
}

/**
 * Takes the conversation's unhandled events in order, up to the first one waiting out a backoff: order matters
 * more than progress, so nothing behind a failed event is taken before it.
 */
async function claimPendingEvents(tx: Tx, conversationId: string, limit: number): Promise<EventRow[]> {
  const events = await tx
    .update(conversationEvents)
    .set({ processedAt: sql`clock_timestamp()`, error: null })
    .where(
      sql`${conversationEvents.id} IN (SELECT id FROM conversation_events
        WHERE conversation_id = ${conversationId} AND processed_at IS NULL
          AND id < coalesce((SELECT min(id) FROM conversation_events
            WHERE conversation_id = ${conversationId} AND processed_at IS NULL
              AND attempts > 0 AND next_attempt_at > now()), ${Number.MAX_SAFE_INTEGER})
        ORDER BY id LIMIT ${limit})`,
    )
    .returning();
  return events.sort((a, b) => a.id - b.id);
}

function chainOf(event: EventRow): RuleChain {
  const chain = event.details.chain as RuleChain | undefined;
  return chain && typeof chain.depth === "number" && Array.isArray(chain.fired) ? chain : startChain();
}

async function currentConversation(tx: Tx, id: string): Promise<ConversationRow> {
  const [row] = await tx.select().from(conversations).where(eq(conversations.id, id));
  return row!;
}

async function handleEvent(
  tx: Tx,
  config: TriageConfig,
  playbook: Playbook,
  event: EventRow,
  createdEvent: EventRow | null,
  /** The conversation's row when nothing has changed it since it was read; otherwise it is read again. */
  unchanged: ConversationRow | null,
): Promise<void> {
  const conversationId = event.conversationId;
  const chain = chainOf(event);
  const messageId = typeof event.details.messageId === "string" ? event.details.messageId : undefined;
  if (event.type === "message_received") {
    // The message comes with its conversation's row, read in the same statement.
    const loaded = messageId ? await loadInboundMessage(tx, messageId) : null;
    if (!loaded) return;
    const { message } = loaded;
    const before = unchanged ?? loaded.conversation;
    const reopened = event.details.reopened === true;
    const { conversation, analysis } = await triageInboundMessage(tx, config, before, message, {
      reopened,
    });
    await applySlaTrigger(
      tx,
      slaContextOf(config, conversation),
      { kind: "customer_wrote" },
      event.occurredAt,
      message.slaPhases,
    );
    const hidden = await moderateComment(tx, config, conversation, message);
    const bot = hidden
      ? "silent"
      : await answerWithBot(tx, config, playbook, conversation, message, analysis);
    if (bot !== "answered") {
      // Only a hidden comment or the bot's handover changes what assignment reads (the clocks change the due
      // time alone): otherwise the row triage just wrote is still current.
      const latest =
        !hidden && bot === "silent" ? conversation : await currentConversation(tx, conversationId);
      const team = latest.teamId ? config.teams.get(latest.teamId) : undefined;
      if (!latest.assigneeId && team && latest.status !== "resolved") await assignOrQueue(tx, latest, team);
    }
    if (createdEvent) await runAutomation(tx, config, "conversation_created", conversationId, startChain());
    await runAutomation(tx, config, "message_received", conversationId, chain, { messageId });
    return;
  }
  const before = unchanged ?? (await currentConversation(tx, conversationId));
  switch (event.type) {
    case "agent_replied": {
      const countsAsResponse =
        event.details.fromPlatformApp === true ||
        answersCustomer({
          authorUserId: typeof event.details.userId === "string" ? event.details.userId : null,
          automatedBy: typeof event.details.automatedBy === "string" ? event.details.automatedBy : undefined,
        });
      await applySlaTrigger(
        tx,
        slaContextOf(config, before),
        { kind: "replied", countsAsResponse },
        event.occurredAt,
      );
      return;
    }
    case "status_changed": {
      const stated = event.details.status;
      const to = typeof stated === "string" ? (stated as ConversationRow["status"]) : before.status;
      await applySlaTrigger(
        tx,
        slaContextOf(config, before),
        { kind: "status_changed", to },
        event.occurredAt,
      );
      if (to === "resolved") {
        await drainQueueOf(tx, config, before);
        await scheduleAfterResolution(tx, before, {
          automatic: event.details.automatic === true,
          at: event.occurredAt,
        });
      }
      await runAutomation(tx, config, "status_changed", conversationId, chain);
      return;
    }
    case "assignment_changed": {
      // Someone's capacity may have freed up (a reassignment away from them).
      const previous = (event.details.before as { assigneeId?: string | null } | undefined)?.assigneeId;
      if (previous && previous !== before.assigneeId) await drainQueueOf(tx, config, before);
      return;
    }
    case "priority_changed":
      // The policy may differ with the priority: same history, new target.
      await refreshSlaClocks(tx, slaContextOf(config, before), new Date());
      return;
    case "sla_warning":
    case "sla_breached":
    case "mention_matched":
      await runAutomation(tx, config, event.type, conversationId, chain, { messageId });
      return;
    case "conversation_created":
      return;
  }
}

async function drainQueueOf(tx: Tx, config: TriageConfig, conversation: ConversationRow): Promise<void> {
  const teamIds = new Set<string>();
  if (conversation.teamId) teamIds.add(conversation.teamId);
  for (const teamId of teamIds) {
    const team = config.teams.get(teamId);
    if (team) await drainTeamQueue(tx, conversation.workspaceId, team);
  }
}
