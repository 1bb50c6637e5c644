import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { ConversationStatus } from "../domain/conversation.ts";
import type { Author, InboundEvent } from "../domain/inboundEvent.ts";
import { messageLexemes } from "../search/searchLexemes.ts";
import { searchVectorFromLexemes } from "../search/searchVector.ts";
import type { ChannelRow } from "../store/channelStore.ts";
import type { Tx } from "../store/database.ts";
import { type ConversationEventInput, recordConversationEvents } from "../triage/conversationEvents.ts";

/** A contact identity as contactResolver reads it. */
export interface KnownIdentity {
  id: string;
  contactId: string;
  displayName: string;
  username: string | null;
  reach: number | null;
}

/** What this batch knows of an identity just written from `author`'s details. */
export function identityOf(id: string, contactId: string, author: Author): KnownIdentity {
  return {
    id,
    contactId,
    displayName: author.displayName,
    username: author.username ?? null,
    reach: author.reach ?? null,
  };
}

/** A conversation's row as a message's apply reads it, locked for the transaction. */
export interface LockedThread {
  id: string;
  status: ConversationStatus;
  inInbox: boolean;
  /** Whether Parley waits in it for a survey score or a check-in's answer. */
  awaitsAnswer: boolean;
}

/** The SQL of LockedThread.awaitsAnswer for a conversation row named `conversations`. */
export const AWAITS_ANSWER = sql`(EXISTS (SELECT 1 FROM surveys s WHERE s.ask_conversation_id = conversations.id
    AND s.status IN ('sent', 'answered'))
  OR EXISTS (SELECT 1 FROM follow_ups f WHERE f.chat_id = conversations.id AND f.kind = 'check_in'
    AND f.status = 'done' AND f.answer IS NULL))`;

export interface KnownMessage {
  id: string;
  conversationId: string;
}

/** A customer's (or the brand's) message to insert, as applyInboundEvent builds it. */
export interface NewMessage {
  workspaceId: string;
  conversationId: string;
  channelId: string;
  direction: "in" | "out";
  externalId: string;
  parentExternalId: string | null;
  visibility: "public" | "private";
  authorIdentityId: string | null;
  text: string;
  attachments: unknown[];
  deliveryStatus: "received" | "delivered";
  sentAt: Date;
  editedAt: Date | null;
}

/** A message, thread or post by its channel and its key there. */
const channelKey = (channelId: string, key: string) => `${channelId}\u0000${key}`;
export const identityKey = (workspaceId: string, platform: string, externalId: string) =>
  `${workspaceId}\u0000${platform}\u0000${externalId}`;

/**
 * What one ingest transaction knows across its events, so that a batch of new messages costs a few statements
 * instead of six per message:
 * - which of the batch's messages and authors are already stored, read for all of them at once;
 * - the posts its comments hang under, upserted once per batch;
 * - the batch's threads, read and locked at once (in id order, so two transactions never wait on each other), and
 *   kept as each message changes them: nobody else can change a row this transaction holds;
 * - the new messages and their history steps, written together (multi-row) when the batch ends, or before any
 *   event that could read them (an edit, a status, a reaction, a survey answer, the echo of a send).
 *
 * What is known is only what this transaction read or wrote. A message's absence, and the threads, are trusted
 * only until an event outside the plain path runs (an echo takes a platform id, a note inserts a message and may
 * open a thread, a survey answer closes a survey): `settle` forgets them.
 */
export class IngestBatch {
  readonly #messages = new Map<string, KnownMessage | null>();
  readonly #identities = new Map<string, KnownIdentity | null>();
  readonly #threads = new Map<string, LockedThread | null>();
  /** Posts this batch stored or found, by channel and post id: a comment storm under one post upserts it once. */
  readonly #posts = new Map<string, { id: string; hasPermalink: boolean }>();
  #newMessages: (NewMessage & { id: string })[] = [];
  #history: ConversationEventInput[] = [];

  /**
   * Reads which of these events' messages and authors are stored, reads and locks their threads, and creates the
   * customers nobody has met yet: five statements at most for the whole batch.
   */
  async lookUp(tx: Tx, batch: readonly { channel: ChannelRow; events: readonly InboundEvent[] }[]) {
    const messageKeys: { channel_id: string; external_id: string }[] = [];
    const authorKeys: { workspace_id: string; platform: string; external_id: string }[] = [];
    const threadKeys: { channel_id: string; thread_key: string }[] = [];
    for (const { channel, events } of batch)
      for (const event of events) {
        if (event.type !== "message") continue;
        const key = channelKey(channel.id, event.externalId);
        if (!this.#messages.has(key)) {
          this.#messages.set(key, null);
          messageKeys.push({ channel_id: channel.id, external_id: event.externalId });
        }
        const thread = channelKey(channel.id, event.threadKey);
        if (!this.#threads.has(thread)) {
          this.#threads.set(thread, null);
          threadKeys.push({ channel_id: channel.id, thread_key: event.threadKey });
        }
        const author = identityKey(channel.workspaceId, channel.platform, event.author.externalId);
        if (!this.#identities.has(author)) {
          this.#identities.set(author, null);
          authorKeys.push({
            workspace_id: channel.workspaceId,
            platform: channel.platform,
            external_id: event.author.externalId,
          });
        }
      }
    if (messageKeys.length > 0) {
      const found = (await tx.execute(sql`
        SELECT m.id, m.conversation_id, m.channel_id, m.external_id
        FROM jsonb_to_recordset(${JSON.stringify(messageKeys)}::jsonb) AS k(channel_id uuid, external_id text)
        JOIN messages m ON m.channel_id = k.channel_id AND m.external_id = k.external_id`)) as unknown as {
        rows: { id: string; conversation_id: string; channel_id: string; external_id: string }[];
      };
      for (const row of found.rows)
        this.#messages.set(channelKey(row.channel_id, row.external_id), {
          id: row.id,
          conversationId: row.conversation_id,
        });
    }
    if (threadKeys.length > 0) {
      const found = (await tx.execute(sql`
        SELECT conversations.id, conversations.channel_id, conversations.thread_key, conversations.status,
          conversations.in_inbox, ${AWAITS_ANSWER} AS awaits_answer
        FROM jsonb_to_recordset(${JSON.stringify(threadKeys)}::jsonb) AS k(channel_id uuid, thread_key text)
        JOIN conversations ON conversations.channel_id = k.channel_id AND conversations.thread_key = k.thread_key
        ORDER BY conversations.id
        FOR UPDATE OF conversations`)) as unknown as {
        rows: {
          id: string;
          channel_id: string;
          thread_key: string;
          status: ConversationStatus;
          in_inbox: boolean;
          awaits_answer: boolean;
        }[];
      };
      for (const row of found.rows)
        this.#threads.set(channelKey(row.channel_id, row.thread_key), {
          id: row.id,
          status: row.status,
          inInbox: row.in_inbox,
          awaitsAnswer: row.awaits_answer,
        });
    }
    if (authorKeys.length > 0) {
      const found = (await tx.execute(sql`
        SELECT i.id, i.contact_id, i.display_name, i.username, i.reach, i.workspace_id, i.platform, i.external_id
        FROM jsonb_to_recordset(${JSON.stringify(authorKeys)}::jsonb)
          AS k(workspace_id uuid, platform text, external_id text)
        JOIN contact_identities i ON i.workspace_id = k.workspace_id AND i.platform = k.platform
          AND i.external_id = k.external_id`)) as unknown as {
        rows: {
          id: string;
          contact_id: string;
          display_name: string;
          username: string | null;
          reach: number | null;
          workspace_id: string;
          platform: string;
          external_id: string;
        }[];
      };
      for (const row of found.rows)
        this.#identities.set(identityKey(row.workspace_id, row.platform, row.external_id), {
          id: row.id,
          contactId: row.contact_id,
          displayName: row.display_name,
          username: row.username,
          reach: row.reach,
        });
    }
    await this.#createNewAuthors(tx, batch);
  }

  /**
   * Creates, two statements for the whole batch, the contacts and identities of the authors these events will need
   * and nobody has met yet: the authors of new messages, not the brand's own (an echo may need none). Another worker
   * may meet the same person at once; the unique index keeps one identity, and this batch then reads it again.
   */
  async #createNewAuthors(
    tx: Tx,
    batch: readonly { channel: ChannelRow; events: readonly InboundEvent[] }[],
  ) {
    const authors = new Map<string, { workspace_id: string; platform: string; author: Author }>();
    for (const { channel, events } of batch)
      for (const event of events) {
        if (event.type !== "message" || event.fromAccount || event.editedAt) continue;
        if (this.#messages.get(channelKey(channel.id, event.externalId)) !== null) continue;
        const key = identityKey(channel.workspaceId, channel.platform, event.author.externalId);
        if (this.#identities.get(key) === null && !authors.has(key))
          authors.set(key, {
            workspace_id: channel.workspaceId,
            platform: channel.platform,
            author: event.author,
          });
      }
    if (authors.size === 0) return;
    const rows = [...authors.values()].map(({ workspace_id, platform, author }) => ({
      contact_id: randomUUID(),
      workspace_id,
      platform,
      external_id: author.externalId,
      display_name: author.displayName,
      username: author.username ?? null,
      reach: author.reach ?? null,
      needs_profile: author.needsProfile === true,
    }));
    const input = JSON.stringify(rows);
    await tx.execute(sql`
      INSERT INTO contacts (id, workspace_id, display_name)
      SELECT contact_id, workspace_id, display_name
      FROM jsonb_to_recordset(${input}::jsonb) AS a(contact_id uuid, workspace_id uuid, display_name text)`);
    const created = (await tx.execute(sql`
      INSERT INTO contact_identities (workspace_id, contact_id, platform, external_id, username, display_name, reach,
        profile_fetched_at)
      SELECT workspace_id, contact_id, platform, external_id, username, display_name, reach,
        CASE WHEN needs_profile THEN NULL ELSE now() END
      FROM jsonb_to_recordset(${input}::jsonb) AS a(contact_id uuid, workspace_id uuid, platform text,
        external_id text, display_name text, username text, reach int, needs_profile boolean)
      ON CONFLICT (workspace_id, platform, external_id) DO UPDATE SET display_name = excluded.display_name
      RETURNING id, contact_id, workspace_id, platform, external_id, (xmax = 0) AS created`)) as unknown as {
      rows: {
        id: string;
        contact_id: string;
        workspace_id: string;
        platform: string;
        external_id: string;
        created: boolean;
      }[];
    };
    for (const row of created.rows) {
      const key = identityKey(row.workspace_id, row.platform, row.external_id);
      const author = authors.get(key)?.author;
      // Only a row written here is known whole; another worker's is read again when needed.
      if (!row.created || !author) this.#identities.delete(key);
      else this.#identities.set(key, identityOf(row.id, row.contact_id, author));
    }
  }

  /** The stored message, null when it is known to be absent, undefined when this batch cannot tell. */
  message(channelId: string, externalId: string): KnownMessage | null | undefined {
    return this.#messages.get(channelKey(channelId, externalId));
  }

  /** The identity, null when it is known to be absent, undefined when this batch cannot tell. */
  identity(key: string): KnownIdentity | null | undefined {
    return this.#identities.get(key);
  }

  /** The thread's row as this transaction locked and changed it, null when known absent, undefined when unknown. */
  thread(channelId: string, threadKey: string): LockedThread | null | undefined {
    return this.#threads.get(channelKey(channelId, threadKey));
  }

  /** After this transaction changed the thread (or opened it); undefined forgets it, to be read again. */
  rememberThread(channelId: string, threadKey: string, thread: LockedThread | undefined): void {
    if (thread) this.#threads.set(channelKey(channelId, threadKey), thread);
    else this.#threads.delete(channelKey(channelId, threadKey));
  }

  post(channelId: string, externalId: string): { id: string; hasPermalink: boolean } | undefined {
    return this.#posts.get(channelKey(channelId, externalId));
  }

  rememberPost(channelId: string, externalId: string, post: { id: string; hasPermalink: boolean }): void {
    this.#posts.set(channelKey(channelId, externalId), post);
  }

  rememberIdentity(key: string, identity: KnownIdentity | undefined): void {
    if (identity) this.#identities.set(key, identity);
    else this.#identities.delete(key);
  }

  /** Queues a new message for the batch's insert; returns its id, which is final at once. */
  addMessage(message: NewMessage): string {
    const id = randomUUID();
    this.#newMessages.push({ ...message, id });
    this.#messages.set(channelKey(message.channelId, message.externalId), {
      id,
      conversationId: message.conversationId,
    });
    return id;
  }

  addHistory(step: ConversationEventInput): void {
    this.#history.push(step);
  }

  /**
   * Writes what is queued, and forgets which messages are absent: for an event that reads or changes messages
   * beyond the plain insert, and at the end of the batch.
   */
  async settle(tx: Tx): Promise<void> {
    for (const [key, known] of this.#messages) if (known === null) this.#messages.delete(key);
    // Such an event may open a thread (a note) or answer a survey: threads are read again. Their locks stay held.
    this.#threads.clear();
    this.#posts.clear();
    const newMessages = this.#newMessages;
    const history = this.#history;
    this.#newMessages = [];
    this.#history = [];
    if (newMessages.length > 0) await insertMessages(tx, newMessages);
    await recordConversationEvents(tx, history);
  }
}

/** One statement, one parameter: the same text for any number of messages, prepared once. */
async function insertMessages(tx: Tx, rows: readonly (NewMessage & { id: string })[]): Promise<void> {
  const records = rows.map((m) => ({
    id: m.id,
    workspace_id: m.workspaceId,
    conversation_id: m.conversationId,
    channel_id: m.channelId,
    direction: m.direction,
    external_id: m.externalId,
    parent_external_id: m.parentExternalId,
    visibility: m.visibility,
    author_identity_id: m.authorIdentityId,
    text: m.text,
    attachments: m.attachments,
    delivery_status: m.deliveryStatus,
    sent_at: m.sentAt.toISOString(),
    edited_at: m.editedAt?.toISOString() ?? null,
    lexemes: messageLexemes(m.text),
  }));
  await tx.execute(sql`
    INSERT INTO messages (id, workspace_id, conversation_id, channel_id, direction, external_id, parent_external_id,
      visibility, author_identity_id, text, attachments, delivery_status, sent_at, edited_at, search_vector)
    SELECT id, workspace_id, conversation_id, channel_id, direction, external_id, parent_external_id, visibility,
      author_identity_id, text, attachments, delivery_status, sent_at, edited_at,
      ${searchVectorFromLexemes(sql`lexemes`)}
    FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS m(id uuid, workspace_id uuid, conversation_id uuid,
      channel_id uuid, direction text, external_id text, parent_external_id text, visibility text,
      author_identity_id uuid, text text, attachments jsonb, delivery_status text, sent_at timestamptz,
      edited_at timestamptz, lexemes jsonb)`);
}
