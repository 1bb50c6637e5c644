import { and, eq, inArray, isNotNull, isNull, lt } from "drizzle-orm";
import { adapterFor } from "../channels/registry.ts";
import { changeConversationStatus } from "../commands/conversationUpdater.ts";
import { recordSiteAnswer } from "../commands/siteAnswerRecorder.ts";
import type { Viewer } from "../domain/roles.ts";
import type { Logger } from "../logger.ts";
import { sendReply } from "../outbox/replySender.ts";
import type { Db } from "../store/database.ts";
import { channels, conversations, teamMembers, users } from "../store/schema.ts";
import { DEMO_AGENT_EMAILS } from "./demoAgents.ts";

/**
 * The demo's colleagues at work: they answer the conversations assigned to them a little while after the
 * customer wrote, and resolve them once the customer has said nothing more for a while, so the queue moves as
 * it would with a team on shift instead of only growing. They act as any agent does: the reply goes through
 * sendReply (message + outbox row, delivered by the worker to the platform), the resolution through the
 * same command the API's status route calls.
 */

export interface DemoAgentDeskOptions {
  /** How long after the customer's message a colleague answers. */
  answerAfterMs: number;
  /** How long after our answer, with no word from the customer, the case is resolved. */
  resolveAfterMs: number;
  /** How often the desk looks for work. */
  intervalMs: number;
  /** At most this many answers and resolutions per look, so it reads like people, not a script. */
  batch: number;
}

export const DEFAULT_DESK_OPTIONS: DemoAgentDeskOptions = {
  answerAfterMs: 45_000,
  resolveAfterMs: 90_000,
  intervalMs: 10_000,
  batch: 4,
};

/** A short, honest answer in the customer's language: the demo shows the flow, not a real resolution. */
const ANSWERS: Record<string, string> = {
  ru: "Здравствуйте! Спасибо, что написали. Мы всё проверили и решили вопрос, подробности отправили в приложение. Если понадобится что-то ещё, пишите!",
  pl: "Dzień dobry! Dziękujemy za wiadomość. Sprawdziliśmy wszystko i sprawa jest załatwiona, szczegóły są w aplikacji. W razie pytań pisz śmiało!",
  lv: "Labdien! Paldies, ka rakstījāt. Mēs visu pārbaudījām un jautājumu atrisinājām, sīkāk lietotnē. Ja vēl kas vajadzīgs, rakstiet!",
  en: "Hello! Thanks for writing. We've checked everything and sorted it out; the details are in the app. If you need anything else, just write!",
};

export function demoAnswer(language: string | null): string {
  return ANSWERS[language ?? "en"] ?? ANSWERS.en!;
}

export interface DeskRound {
  answered: number;
  resolved: number;
}

/** One look at the demo colleagues' cases: answer who waits long enough, resolve what went quiet. */
export async function workDemoAgentDesk(
  db: Db,
  workspaceId: string,
  log: Pick<Logger, "warn">,
  options: DemoAgentDeskOptions = DEFAULT_DESK_OPTIONS,
  now = new Date(),
): Promise<DeskRound> {
  const agents = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.workspaceId, workspaceId),
        inArray(users.email, [...DEMO_AGENT_EMAILS]),
        eq(users.disabled, false),
      ),
    );
  if (agents.length === 0) return { answered: 0, resolved: 0 };
  const ids = agents.map((a) => a.id);
  const round: DeskRound = { answered: 0, resolved: 0 };

  const waiting = await db
    .select({
      id: conversations.id,
      assigneeId: conversations.assigneeId,
      language: conversations.language,
      visibility: conversations.visibility,
      platform: channels.platform,
    })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        inArray(conversations.assigneeId, ids),
        inArray(conversations.status, ["new", "open"]),
        eq(conversations.awaitingReply, true),
        isNotNull(conversations.lastInboundAt),
        // A customer who unsubscribed (Viber) cannot be answered; a colleague leaves the case.
        isNull(conversations.unsubscribedAt),
        lt(conversations.lastInboundAt, new Date(now.getTime() - options.answerAfterMs)),
      ),
    )
    .orderBy(conversations.lastInboundAt)
    .limit(options.batch);
  for (const conversation of waiting) {
    try {
      // A web mention cannot be answered through an API: the colleague answers on the site and records it.
      if (adapterFor(conversation.platform)?.capabilities.answersOnSite && conversation.assigneeId)
        await recordSiteAnswer(db, {
          conversationId: conversation.id,
          userId: conversation.assigneeId,
          text: demoAnswer(conversation.language),
        });
      else
        await sendReply(db, {
          conversationId: conversation.id,
          authorUserId: conversation.assigneeId,
          text: demoAnswer(conversation.language),
          visibility: conversation.visibility,
        });
      round.answered++;
    } catch (err) {
      // A reply the platform's rules refuse (a closed window): a real colleague would leave it too.
      log.warn({ conversationId: conversation.id, err: String(err) }, "demo colleague could not answer");
    }
  }

  const quiet = await db
    .select({ id: conversations.id, assigneeId: conversations.assigneeId })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        inArray(conversations.assigneeId, ids),
        inArray(conversations.status, ["open", "pending"]),
        eq(conversations.awaitingReply, false),
        lt(conversations.lastMessageAt, new Date(now.getTime() - options.resolveAfterMs)),
      ),
    )
    .orderBy(conversations.lastMessageAt)
    .limit(options.batch);
  for (const conversation of quiet) {
    const viewer = await viewerOf(db, workspaceId, conversation.assigneeId!);
    await changeConversationStatus(db, viewer, conversation.id, "resolved");
    round.resolved++;
  }
  return round;
}

async function viewerOf(db: Db, workspaceId: string, userId: string): Promise<Viewer> {
  const teams = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.userId, userId));
  return { userId, workspaceId, role: "agent", teamIds: teams.map((t) => t.teamId) };
}

/** Runs the desk every `intervalMs` until the returned function is called; it waits for a round under way. */
export function startDemoAgentDesk(
  db: Db,
  workspaceId: string,
  log: Pick<Logger, "warn">,
  options: DemoAgentDeskOptions = DEFAULT_DESK_OPTIONS,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(() => workDemoAgentDesk(db, workspaceId, log, options))
      .catch((err) => log.warn({ err: String(err) }, "demo colleagues' round failed"));
  }, options.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
