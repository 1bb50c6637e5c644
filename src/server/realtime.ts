import { eq } from "drizzle-orm";
import { canSeeConversation, type Viewer } from "../domain/roles.ts";
import type { Database } from "../store/database.ts";
import { CHANGES_CHANNEL, type ChangeNotice } from "../store/notify.ts";
import { conversations } from "../store/schema.ts";

/** How a stream learns that its sign-in is gone (sessions ended, member deactivated) or its role changed. */
export interface StreamAccess {
  /** The viewer as the stream's credentials authenticate now; null when they no longer do. */
  recheck: () => Promise<Viewer | null>;
  close: () => void;
}

type Subscriber = { viewer: Viewer; send: (notice: ChangeNotice) => void; access?: StreamAccess | undefined };

/**
 * Fans database change notices (LISTEN/NOTIFY, so every server process hears every change) out to the
 * browsers connected to this process, each seeing only what its user may see.
 */
export class ChangeHub {
  readonly #subscribers = new Set<Subscriber>();
  #unlisten: (() => Promise<void>) | null = null;
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  async start(): Promise<void> {
    this.#unlisten = await this.#database.listen(CHANGES_CHANNEL, (payload) => {
      let notices: ChangeNotice | ChangeNotice[];
      try {
        notices = JSON.parse(payload) as ChangeNotice | ChangeNotice[];
      } catch {
        return;
      }
      // A batch of work sends its notices together (see notify.ts).
      for (const notice of Array.isArray(notices) ? notices : [notices]) void this.#dispatch(notice);
    });
  }

  async stop(): Promise<void> {
    await this.#unlisten?.();
    this.#subscribers.clear();
  }

  subscribe(viewer: Viewer, send: (notice: ChangeNotice) => void, access?: StreamAccess): () => void {
    const subscriber: Subscriber = { viewer, send, access };
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  async #dispatch(notice: ChangeNotice): Promise<void> {
    if (notice.type === "access.changed") {
      for (const subscriber of this.#subscribers)
        if (subscriber.viewer.userId === notice.userId) void this.#recheck(subscriber);
      return;
    }
    const audience = [...this.#subscribers].filter((s) => s.viewer.workspaceId === notice.workspaceId);
    if (audience.length === 0) return;
    let conversation: { teamId: string | null; assigneeId: string | null } | undefined;
    if (notice.conversationId && audience.some((s) => s.viewer.role === "agent")) {
      [conversation] = await this.#database.db
        .select({ teamId: conversations.teamId, assigneeId: conversations.assigneeId })
        .from(conversations)
        .where(eq(conversations.id, notice.conversationId));
    }
    for (const subscriber of audience) {
      if (
        subscriber.viewer.role === "agent" &&
        notice.conversationId &&
        (!conversation || !canSeeConversation(subscriber.viewer, conversation))
      )
        continue;
      subscriber.send(notice);
    }
  }

  /** A stream whose session or token was ended closes at once; one whose role changed sees as its new role. */
  async #recheck(subscriber: Subscriber): Promise<void> {
    if (!subscriber.access) return;
    const viewer = await subscriber.access.recheck().catch(() => null);
    if (viewer) {
      subscriber.viewer = viewer;
      return;
    }
    this.#subscribers.delete(subscriber);
    subscriber.access.close();
  }
}
