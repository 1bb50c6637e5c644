import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const id = () => uuid("id").primaryKey().defaultRandom();
const SENTIMENT_LABELS = ["negative", "neutral", "positive"] as const;

/** PostgreSQL's tsvector; Parley writes it from its own stems (src/search/) and only compares it in SQL. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
/** Bytes as they arrived, for bodies whose text PostgreSQL could not hold as sent (see src/store/storableJson.ts). */
const bytea = customType<{ data: Uint8Array }>({ dataType: () => "bytea" });
const workspaceId = () => uuid("workspace_id").notNull();
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const workspaces = pgTable("workspaces", {
  id: id(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: id(),
    workspaceId: workspaceId(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ["admin", "supervisor", "agent"] }).notNull(),
    locale: text("locale").notNull().default("en"),
    disabled: boolean("disabled").notNull().default(false),
    /** At most this many open conversations are assigned to the agent automatically; 0 takes none. */
    capacity: integer("capacity").notNull().default(10),
    /** Only online agents get new conversations; signing in sets online, signing out offline. */
    availability: text("availability", { enum: ["online", "away", "offline"] })
      .notNull()
      .default("offline"),
    lastAssignedAt: timestamp("last_assigned_at", { withTimezone: true }),
    createdAt: createdAt(),
    /** Null while the person still signs in with the password they were given (the first admin's generated one). */
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    /** The person's own choices (theme, alert sound, desktop alerts); read through src/domain/userPreferences.ts. */
    preferences: jsonb("preferences").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [uniqueIndex("users_email_idx").on(sql`lower(${t.email})`)],
);

export const teams = pgTable("teams", {
  id: id(),
  workspaceId: workspaceId(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  /** The team's opening hours in its own time zone; SLA clocks of its conversations count only these. */
  businessHours: jsonb("business_hours")
    .$type<Record<string, unknown>>()
    .notNull()
    .default({ alwaysOpen: true }),
  assignmentStrategy: text("assignment_strategy", { enum: ["round_robin", "least_loaded", "manual"] })
    .notNull()
    .default("round_robin"),
  /** Round robin continues after this member. */
  lastAssigneeId: uuid("last_assignee_id"),
  createdAt: createdAt(),
});

export const teamMembers = pgTable(
  "team_members",
  {
    workspaceId: workspaceId(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);

export const sessions = pgTable("sessions", {
  /** SHA-256 of the cookie value: a stolen database dump holds no usable session. */
  tokenHash: text("token_hash").primaryKey(),
  workspaceId: workspaceId(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  csrfToken: text("csrf_token").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: createdAt(),
  // 0011_user_admin also indexes sessions by id (unique) and by user_id, and api_tokens by user_id.
  /** Names the session in the API ("sign out this one"); the token hash never leaves the server. */
  id: uuid("id").notNull().defaultRandom(),
  userAgent: text("user_agent"),
  ip: text("ip"),
  /** Moved at most once a minute, so a busy session does not write on every request. */
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
});

export const apiTokens = pgTable("api_tokens", {
  id: id(),
  workspaceId: workspaceId(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  createdAt: createdAt(),
  /** Null: valid until revoked. */
  expiresAt: timestamp("expires_at", { withTimezone: true }),
});

export const channels = pgTable("channels", {
  id: id(),
  workspaceId: workspaceId(),
  platform: text("platform").notNull(),
  name: text("name").notNull(),
  /** Non-secret settings, safe to show to admins. */
  settings: jsonb("settings").$type<Record<string, unknown>>().notNull(),
  /** AES-256-GCM of the secret settings (tokens, app secrets); never leaves the server. */
  secretsEncrypted: text("secrets_encrypted").notNull(),
  apiBaseUrl: text("api_base_url"),
  teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
  status: text("status", { enum: ["active", "needs_reauth", "disabled", "paused"] })
    .notNull()
    .default("active"),
  statusReason: text("status_reason"),
  /** Where polling left off (Telegram getUpdates offset); written only after the polled events are stored. */
  pollCursor: text("poll_cursor"),
  /** One worker process polls a channel at a time (Telegram refuses concurrent getUpdates); the lease says who. */
  pollLeaseOwner: text("poll_lease_owner"),
  pollLeaseUntil: timestamp("poll_lease_until", { withTimezone: true }),
  createdAt: createdAt(),
  /** No request of this channel goes out before this instant: the platform's own wait, or our back-off. */
  backoffUntil: timestamp("backoff_until", { withTimezone: true }),
  /** Channel-wide refusals in a row (throttling, outages); a success resets it. */
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  /** Why the channel is paused or needs attention: rate_limited, platform_unavailable, blocked, auth_failed. */
  pausedReason: text("paused_reason"),
  /** When a probe may ask the platform again; null while paused means an admin must act. */
  pausedUntil: timestamp("paused_until", { withTimezone: true }),
  /** Probes that failed since the pause began; each doubles the next wait. */
  failedProbes: integer("failed_probes").notNull().default(0),
  /** The last refusal as a short status label ("Telegram 429", "VK error 9"), never the platform's text. */
  lastErrorStatus: text("last_error_status"),
  lastErrorAt: timestamp("last_error_at", { withTimezone: true }),
  /** The webhook URL the platform was last given by `connect` (Viber set_webhook); another one registers again. */
  webhookRegisteredUrl: text("webhook_registered_url"),
});

/** Support categories (delivery, returns, …), seeded per workspace and extended by its admins. */
export const categories = pgTable(
  "categories",
  {
    id: id(),
    workspaceId: workspaceId(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    /** The name in each UI language. */
    names: jsonb("names").$type<Record<string, string>>().notNull().default({}),
    /** Keyword rules per language, matched on stems. */
    keywords: jsonb("keywords").$type<Record<string, string[]>>().notNull().default({}),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("categories_key_idx").on(t.workspaceId, t.key)],
);

export const contacts = pgTable(
  "contacts",
  {
    id: id(),
    workspaceId: workspaceId(),
    displayName: text("display_name").notNull(),
    /** Set when this contact was merged into another; it then only keeps what unmerging needs. */
    mergedIntoId: uuid("merged_into_id"),
    tags: jsonb("tags").$type<string[]>().notNull().default([]),
    /** Written by agents; platform identities carry their own (a WhatsApp id is a phone number). */
    phone: text("phone"),
    email: text("email"),
    /** Personal data erased on the person's request (contactEraser.ts). */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("contacts_name_search_idx").using("gin", sql`to_tsvector('simple'::regconfig, ${t.displayName})`),
    index("contacts_phone_idx").on(t.workspaceId, t.phone).where(sql`phone IS NOT NULL`),
    index("contacts_email_idx").on(t.workspaceId, sql`lower(${t.email})`).where(sql`email IS NOT NULL`),
  ],
);

/** Agents' notes about a person (not about one conversation); they follow the person through merges. */
export const contactNotes = pgTable(
  "contact_notes",
  {
    id: id(),
    workspaceId: workspaceId(),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    text: text("text").notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("contact_notes_contact_idx").on(t.contactId, t.createdAt)],
);

/** One merge of a source contact into a target, with exactly what moved, so unmerging restores it. */
export const contactMerges = pgTable(
  "contact_merges",
  {
    id: id(),
    workspaceId: workspaceId(),
    sourceContactId: uuid("source_contact_id")
      .notNull()
      .references(() => contacts.id),
    targetContactId: uuid("target_contact_id")
      .notNull()
      .references(() => contacts.id),
    identityIds: jsonb("identity_ids").$type<string[]>().notNull(),
    conversationIds: jsonb("conversation_ids").$type<string[]>().notNull(),
    noteIds: jsonb("note_ids").$type<string[]>().notNull(),
    /** The target's own fields before the merge filled them (tags, phone, e-mail). */
    targetBefore: jsonb("target_before").$type<Record<string, unknown>>().notNull(),
    mergedBy: uuid("merged_by"),
    createdAt: createdAt(),
    unmergedAt: timestamp("unmerged_at", { withTimezone: true }),
    unmergedBy: uuid("unmerged_by"),
  },
  (t) => [
    index("contact_merges_target_idx").on(t.targetContactId, t.createdAt),
    index("contact_merges_source_idx").on(t.sourceContactId, t.createdAt),
  ],
);

/** A merge suggestion an agent said no to; the pair is stored in id order so it is found either way. */
export const contactSuggestionDismissals = pgTable(
  "contact_suggestion_dismissals",
  {
    workspaceId: workspaceId(),
    contactAId: uuid("contact_a_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    contactBId: uuid("contact_b_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    dismissedBy: uuid("dismissed_by"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.contactAId, t.contactBId] })],
);

/** A saved view's filters: the inbox list's query parameters, a repeatable one (label) as an array. */
export type SavedViewFilters = Record<string, string | string[]>;

/** An inbox filter saved under a name: the owner's own, or shared with one team (teamId). */
export const savedViews = pgTable(
  "saved_views",
  {
    id: id(),
    workspaceId: workspaceId(),
    ownerUserId: uuid("owner_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    filters: jsonb("filters").$type<SavedViewFilters>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("saved_views_workspace_idx").on(t.workspaceId, t.teamId)],
);

export const contactIdentities = pgTable(
  "contact_identities",
  {
    id: id(),
    workspaceId: workspaceId(),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    externalId: text("external_id").notNull(),
    username: text("username"),
    displayName: text("display_name").notNull(),
    reach: integer("reach"),
    /** Null while the name is a placeholder the platform's profile API should fill in (VK callbacks carry ids only). */
    profileFetchedAt: timestamp("profile_fetched_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("contact_identities_platform_idx").on(t.workspaceId, t.platform, t.externalId),
    index("contact_identities_contact_idx").on(t.contactId),
    index("contact_identities_username_idx")
      .on(t.workspaceId, sql`lower(${t.username})`)
      .where(sql`username IS NOT NULL`),
  ],
);

export const posts = pgTable(
  "posts",
  {
    id: id(),
    workspaceId: workspaceId(),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    text: text("text").notNull(),
    permalink: text("permalink"),
    authorName: text("author_name"),
    postedAt: timestamp("posted_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("posts_channel_external_idx").on(t.channelId, t.externalId)],
);

export const conversations = pgTable(
  "conversations",
  {
    id: id(),
    workspaceId: workspaceId(),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id),
    threadKey: text("thread_key").notNull(),
    visibility: text("visibility", { enum: ["public", "private"] }).notNull(),
    status: text("status", { enum: ["new", "open", "pending", "resolved"] })
      .notNull()
      .default("new"),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    postId: uuid("post_id").references(() => posts.id),
    placeName: text("place_name"),
    replyTarget: jsonb("reply_target").$type<Record<string, unknown>>().notNull(),
    /** True from a customer's message until an agent answers: "unread until answered". */
    awaitingReply: boolean("awaiting_reply").notNull().default(true),
    /** The customer's last words (the brand's only while the customer has written none). */
    lastMessagePreview: text("last_message_preview").notNull().default(""),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
    categoryId: uuid("category_id").references(() => categories.id, { onDelete: "set null" }),
    /** Who chose the category: a keyword rule, the classifier, an agent (whose choice triage never overrides). */
    categorySource: text("category_source", { enum: ["rule", "model", "agent", "automation"] }),
    categoryConfidence: doublePrecision("category_confidence"),
    priority: text("priority", { enum: ["low", "normal", "high", "urgent"] })
      .notNull()
      .default("normal"),
    priorityReasons: jsonb("priority_reasons").$type<unknown[]>().notNull().default([]),
    /** An agent's priority stands; triage only raises priorities it set itself. */
    prioritySetByAgent: boolean("priority_set_by_agent").notNull().default(false),
    language: text("language"),
    sentiment: text("sentiment", { enum: ["negative", "neutral", "positive"] }),
    labels: jsonb("labels").$type<string[]>().notNull().default([]),
    /** Waiting for an agent with free capacity since then; null once assigned or when nobody is to be found. */
    queuedAt: timestamp("queued_at", { withTimezone: true }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** The FAQ bot gave way to a person; it stays silent in this conversation from then on. */
    botHandedOverAt: timestamp("bot_handed_over_at", { withTimezone: true }),
    /** The customer unsubscribed from the account (Viber): nothing can be sent until they subscribe or write. */
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true }),
    /**
     * False while only listening knows the thread (opened by a post a keyword search or a feed captured): no
     * inbox, triage, SLA or reports until listening's triage makes it a ticket or the customer addresses the brand.
     */
    inInbox: boolean("in_inbox").notNull().default(true),
    /**
     * When the running SLA clock nearest to its due time is due; 'infinity' while none runs. Kept by the SLA
     * tracker with the clocks (src/triage/slaTracker.ts): the inbox's "SLA due soonest" order and its cursor.
     * A string, as PostgreSQL writes it: 'infinity' is no JavaScript Date.
     */
    nextDueAt: timestamp("next_due_at", { withTimezone: true, mode: "string" })
      .notNull()
      .default(sql`'infinity'`),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("conversations_thread_idx").on(t.channelId, t.threadKey),
    index("conversations_queue_idx").on(t.workspaceId, t.queuedAt).where(sql`queued_at IS NOT NULL`),
    // Assignment counts each agent's open conversations for every new one.
    index("conversations_open_assignee_idx").on(t.assigneeId).where(sql`status <> 'resolved'`),
    index("conversations_inbox_idx").on(t.workspaceId, t.lastMessageAt, t.id),
    index("conversations_contact_idx").on(t.contactId),
    // The inbox's label and language filters (migration 0013).
    index("conversations_labels_idx").using("gin", t.labels.op("jsonb_path_ops")),
    index("conversations_language_idx")
      .on(t.workspaceId, t.language, t.lastMessageAt, t.id)
      .where(sql`language IS NOT NULL`),
    // Each filter and ordering the inbox offers, in its order, over the inbox only (migration 0021).
    index("conversations_inbox_due_idx").on(t.workspaceId, t.nextDueAt, t.id).where(sql`in_inbox`),
    index("conversations_inbox_team_idx").on(t.teamId, t.lastMessageAt, t.id).where(sql`in_inbox`),
    index("conversations_inbox_team_due_idx").on(t.teamId, t.nextDueAt, t.id).where(sql`in_inbox`),
    index("conversations_inbox_channel_idx").on(t.channelId, t.lastMessageAt, t.id).where(sql`in_inbox`),
    index("conversations_inbox_assignee_idx")
      .on(t.workspaceId, t.assigneeId, t.lastMessageAt, t.id)
      .where(sql`in_inbox`),
    index("conversations_inbox_assignee_due_idx")
      .on(t.workspaceId, t.assigneeId, t.nextDueAt, t.id)
      .where(sql`in_inbox`),
    index("conversations_inbox_status_idx")
      .on(t.workspaceId, t.status, t.lastMessageAt, t.id)
      .where(sql`in_inbox`),
    index("conversations_inbox_priority_idx")
      .on(t.workspaceId, t.priority, t.lastMessageAt, t.id)
      .where(sql`in_inbox`),
    index("conversations_inbox_category_idx").on(t.categoryId, t.lastMessageAt, t.id).where(sql`in_inbox`),
    index("conversations_inbox_queued_idx")
      .on(t.workspaceId, t.lastMessageAt, t.id)
      .where(sql`in_inbox AND queued_at IS NOT NULL AND assignee_id IS NULL`),
  ],
);

/**
 * How many conversations carry each label, per team and assignee (the all-zero uuid for none): the label menu's
 * counts without a walk of every conversation. Kept by triggers on conversations (migration 0021), never
 * written by Parley's code.
 */
export const conversationLabelCounts = pgTable(
  "conversation_label_counts",
  {
    workspaceId: workspaceId(),
    teamId: uuid("team_id").notNull(),
    assigneeId: uuid("assignee_id").notNull(),
    label: text("label").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.teamId, t.assigneeId, t.label] })],
);

export const messages = pgTable(
  "messages",
  {
    id: id(),
    workspaceId: workspaceId(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id").notNull(),
    direction: text("direction", { enum: ["in", "out", "note"] }).notNull(),
    /** The platform's id; null for notes and for replies not yet delivered. */
    externalId: text("external_id"),
    parentExternalId: text("parent_external_id"),
    visibility: text("visibility", { enum: ["public", "private"] }).notNull(),
    authorIdentityId: uuid("author_identity_id").references(() => contactIdentities.id),
    authorUserId: uuid("author_user_id").references(() => users.id),
    /** Written by Parley itself rather than a person: "bot" (FAQ bot) or "automation:<rule id>". */
    automatedBy: text("automated_by"),
    text: text("text").notNull(),
    attachments: jsonb("attachments").$type<unknown[]>().notNull().default([]),
    deliveryStatus: text("delivery_status", {
      enum: ["received", "queued", "sending", "delivered", "read", "failed", "uncertain"],
    }).notNull(),
    deliveryError: text("delivery_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /** A public comment hidden on the platform (by an agent through Parley, or by the page itself). */
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    likedAt: timestamp("liked_at", { withTimezone: true }),
    /** The customer's reaction to this message (an emoji), where the platform reports one. */
    reaction: text("reaction"),
    /** When listening matched this inbound message against the topics; null while it waits its turn. */
    listenedAt: timestamp("listened_at", { withTimezone: true }),
    /** A moderation operation waiting in the outbox, and the platform's answer when the last one failed. */
    moderationPending: text("moderation_pending"),
    moderationError: text("moderation_error"),
    /** A customer message's language and mood as triage judged them (sentimentJudgement.ts). */
    language: text("language"),
    /** The mood that stands: the model's judgement, or an agent's correction of it. */
    sentiment: text("sentiment", { enum: SENTIMENT_LABELS }),
    sentimentScore: doublePrecision("sentiment_score"),
    /** What the model said, kept beside a correction so disagreement can be counted. */
    sentimentJudged: text("sentiment_judged", { enum: SENTIMENT_LABELS }),
    /** The provider that judged it ("builtin", "onnx:…"), with "+learned" when the workspace's corrections had a say. */
    sentimentModel: text("sentiment_model"),
    sentimentJudgedAt: timestamp("sentiment_judged_at", { withTimezone: true }),
    sentimentCorrectedBy: uuid("sentiment_corrected_by"),
    sentimentCorrectedAt: timestamp("sentiment_corrected_at", { withTimezone: true }),
    /** Words and their stems in ru/pl/lv/en (src/search/); null until the search indexer has read the text. */
    searchVector: tsvector("search_vector"),
    /** An agent answered this web mention on the site itself (src/commands/siteAnswerRecorder.ts): never sent. */
    answeredOnSiteAt: timestamp("answered_on_site_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("messages_external_idx").on(t.channelId, t.externalId),
    index("messages_search_idx").using("gin", t.searchVector),
    index("messages_unindexed_idx").on(t.createdAt).where(sql`search_vector IS NULL`),
    index("messages_unlistened_idx").on(t.createdAt).where(sql`listened_at IS NULL AND direction = 'in'`),
    // The echo of a send (ingest/ownSendEcho.ts) is matched among the channel's replies still without a platform id.
    index("messages_unsent_out_idx")
      .on(t.channelId, t.createdAt)
      .where(sql`external_id IS NULL AND direction = 'out'`),
    index("messages_conversation_idx").on(t.conversationId, t.sentAt),
    index("messages_sentiment_judged_idx")
      .on(t.workspaceId, t.sentimentJudgedAt)
      .where(sql`sentiment_judged_at IS NOT NULL`),
  ],
);

/**
 * One RSS/Atom feed channel's polling state (migration 0016): the validators for conditional GET, when it is due,
 * the lease that lets one worker process poll it at a time, and why it is failing.
 */
export const webFeeds = pgTable(
  "web_feeds",
  {
    channelId: uuid("channel_id")
      .primaryKey()
      .references(() => channels.id, { onDelete: "cascade" }),
    workspaceId: workspaceId(),
    etag: text("etag"),
    lastModified: text("last_modified"),
    /** The address the validators came from: a feed whose address changed is read afresh. */
    validatorsUrl: text("validators_url"),
    nextPollAt: timestamp("next_poll_at", { withTimezone: true }).notNull().defaultNow(),
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    lastPolledAt: timestamp("last_polled_at", { withTimezone: true }),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
    lastStatus: integer("last_status"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    failingSince: timestamp("failing_since", { withTimezone: true }),
    failureReason: text("failure_reason"),
    failureCode: text("failure_code"),
    itemsStored: integer("items_stored").notNull().default(0),
    itemsSkipped: integer("items_skipped").notNull().default(0),
    lastSkipReason: text("last_skip_reason"),
  },
  (t) => [index("web_feeds_due_idx").on(t.nextPollAt)],
);

export const rawEvents = pgTable(
  "raw_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: workspaceId(),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    dedupKey: text("dedup_key").notNull(),
    payload: jsonb("payload").notNull(),
    status: text("status", { enum: ["pending", "processed", "unparseable", "failed"] })
      .notNull()
      .default("pending"),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    /** The event as sent, kept only when `payload` had to be changed to be stored (NUL, unpaired surrogates). */
    rawBody: bytea("raw_body"),
    /**
     * The thread the event belongs to (or the message it is about): events of one key are processed in order, by
     * one worker at a time. Null when the door could not tell; such an event waits for nobody.
     */
    orderKey: text("order_key"),
  },
  (t) => [
    uniqueIndex("raw_events_dedup_idx").on(t.channelId, t.dedupKey),
    index("raw_events_pending_idx").on(t.nextAttemptAt, t.id).where(sql`status = 'pending'`),
    index("raw_events_pending_order_idx").on(t.channelId, t.orderKey, t.id).where(sql`status = 'pending'`),
    index("raw_events_pending_pick_idx").on(t.id).where(sql`status = 'pending'`),
    index("raw_events_channel_idx").on(t.channelId, t.id),
  ],
);

/** Bodies of authentic webhook requests Parley could not read, kept for an admin to inspect. */
export const rejectedWebhooks = pgTable("rejected_webhooks", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  workspaceId: workspaceId(),
  channelId: uuid("channel_id")
    .notNull()
    .references(() => channels.id, { onDelete: "cascade" }),
  reason: text("reason").notNull(),
  rawBody: text("raw_body").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  /** The body's exact bytes, kept when `raw_body` had to be changed to be stored as text. */
  rawBytes: bytea("raw_bytes"),
});

export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: workspaceId(),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    /** The reply itself, or the comment a moderation operation acts on; null for a new page post. */
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "cascade" }),
    /** Replies to one conversation leave in the order they were written, even across retries. */
    conversationId: uuid("conversation_id"),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    action: jsonb("action").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["pending", "sending", "delivered", "failed", "uncertain"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** A worker owns a `sending` item until then; past it, the item is recovered after a crash. */
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    lastError: text("last_error"),
    /** The platform's id of what was created (a published post), once delivered. */
    resultExternalId: text("result_external_id"),
    /** Who asked for it, for actions that are not messages (moderation, publishing). */
    requestedBy: uuid("requested_by"),
    createdAt: createdAt(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    index("outbox_due_idx").on(t.nextAttemptAt, t.id).where(sql`status = 'pending'`),
    index("outbox_channel_idx").on(t.channelId, t.id),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id"),
    actorUserId: uuid("actor_user_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_action_idx").on(t.action, t.createdAt)],
);

/** Another name of a listening topic: the company that owns the brand, or one of its products. */
export interface TopicAlias {
  text: string;
  kind: "parent" | "product";
}

/** What the team listens for: the brand, its products and competitors, each a query in the query language. */
export const listeningTopics = pgTable("listening_topics", {
  id: id(),
  workspaceId: workspaceId(),
  name: text("name").notNull(),
  kind: text("kind", { enum: ["brand", "product", "competitor", "other"] }).notNull(),
  query: text("query").notNull(),
  languages: jsonb("languages").$type<string[]>().notNull().default([]),
  sources: jsonb("sources").$type<string[]>().notNull().default([]),
  /** Nicknames and abbreviations the team added per term. */
  extraVariants: jsonb("extra_variants").$type<Record<string, string[]>>().notNull().default({}),
  /** Generated variants the team removed. */
  excludedVariants: jsonb("excluded_variants").$type<string[]>().notNull().default([]),
  /** Other names of the topic: its parent company, its products; matched like query terms. */
  aliases: jsonb("aliases").$type<TopicAlias[]>().notNull().default([]),
  enabled: boolean("enabled").notNull().default(true),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One topic found in one message: stored once per topic however many of its terms hit. */
export const mentions = pgTable(
  "mentions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: workspaceId(),
    topicId: uuid("topic_id")
      .notNull()
      .references(() => listeningTopics.id, { onDelete: "cascade" }),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").notNull(),
    source: text("source").notNull(),
    language: text("language").notNull(),
    sentiment: text("sentiment", { enum: ["negative", "neutral", "positive"] }).notNull(),
    sentimentScore: integer("sentiment_score").notNull(),
    /** The author's followers where the platform says; null when unknown. */
    reach: integer("reach"),
    /** Which terms and variants matched, where. */
    hits: jsonb("hits").$type<unknown[]>().notNull(),
    /** Key terms of the text beside the topic's own, for spotting what a burst is about. */
    subjects: jsonb("subjects").$type<string[]>().notNull(),
    decision: text("decision", { enum: ["ticket", "record", "ignore"] }).notNull(),
    decisionReason: text("decision_reason").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("mentions_once_idx").on(t.messageId, t.topicId),
    index("mentions_feed_idx").on(t.workspaceId, t.occurredAt),
  ],
);

/** A burst of mentions departing from a topic's baseline, overall or about one subject. */
export const listeningAlerts = pgTable(
  "listening_alerts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: workspaceId(),
    topicId: uuid("topic_id")
      .notNull()
      .references(() => listeningTopics.id, { onDelete: "cascade" }),
    /** The key term the burst is about; "" for the topic as a whole. */
    subject: text("subject").notNull(),
    kind: text("kind", { enum: ["volume", "negativity"] }).notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    windowEnd: timestamp("window_end", { withTimezone: true }).notNull(),
    count: integer("count").notNull(),
    negativeCount: integer("negative_count").notNull(),
    /** Mentions per window the baseline expected. */
    baseline: text("baseline").notNull(),
    message: text("message").notNull(),
    webhookStatus: text("webhook_status", { enum: ["none", "pending", "delivered", "failed"] })
      .notNull()
      .default("none"),
    webhookAttempts: integer("webhook_attempts").notNull().default(0),
    webhookNextAt: timestamp("webhook_next_at", { withTimezone: true }),
    webhookError: text("webhook_error"),
    createdAt: createdAt(),
  },
  (t) => [index("listening_alerts_recent_idx").on(t.workspaceId, t.topicId, t.subject, t.createdAt)],
);

/** Per workspace: when a mention becomes a ticket, and how bursts are judged and reported. */
export const listeningSettings = pgTable("listening_settings", {
  workspaceId: uuid("workspace_id").primaryKey(),
  /** Below this reach a mention is ignored ("know when to answer"); 0 keeps everything. */
  minReach: integer("min_reach").notNull().default(0),
  ticketOnNegative: boolean("ticket_on_negative").notNull().default(true),
  ticketOnQuestion: boolean("ticket_on_question").notNull().default(true),
  spikeWindowMinutes: integer("spike_window_minutes").notNull().default(10),
  spikeMinCount: integer("spike_min_count").notNull().default(5),
  /** A window counts as a burst at this many times its baseline. */
  spikeFactor: integer("spike_factor").notNull().default(3),
  alertWebhookUrl: text("alert_webhook_url"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What happened to a conversation, written in the transaction that made it happen and consumed in order by the
 * triage worker (classification, routing, assignment, SLA clocks, moderation, the bot, automation rules).
 */
export const conversationEvents = pgTable(
  "conversation_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: workspaceId(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    type: text("type", {
      enum: [
        "conversation_created",
        "message_received",
        "agent_replied",
        "status_changed",
        "assignment_changed",
        "priority_changed",
        "sla_warning",
        "sla_breached",
        "mention_matched",
      ],
    }).notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    error: text("error"),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [
    index("conversation_events_pending_idx").on(t.nextAttemptAt, t.id).where(sql`processed_at IS NULL`),
    index("conversation_events_conversation_idx").on(t.conversationId, t.id),
  ],
);

/** Corrections agents made to categories: the classifier's training data. */
export const classifierExamples = pgTable(
  "classifier_examples",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: workspaceId(),
    conversationId: uuid("conversation_id"),
    categoryKey: text("category_key").notNull(),
    language: text("language"),
    text: text("text").notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [index("classifier_examples_workspace_idx").on(t.workspaceId, t.id)],
);

/** Agents' corrections of a message's mood: the audit of who disagreed, and the sentiment learner's training data. */
export const sentimentCorrections = pgTable(
  "sentiment_corrections",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: workspaceId(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").notNull(),
    language: text("language"),
    text: text("text").notNull(),
    originalLabel: text("original_label", { enum: SENTIMENT_LABELS }).notNull(),
    correctedLabel: text("corrected_label", { enum: SENTIMENT_LABELS }).notNull(),
    model: text("model"),
    createdBy: uuid("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sentiment_corrections_workspace_idx").on(t.workspaceId, t.id)],
);

/** Which team takes which conversations; the first enabled match by position wins. */
export const routingRules = pgTable("routing_rules", {
  id: id(),
  workspaceId: workspaceId(),
  name: text("name").notNull(),
  position: integer("position").notNull().default(0),
  teamId: uuid("team_id")
    .notNull()
    .references(() => teams.id, { onDelete: "cascade" }),
  conditions: jsonb("conditions").$type<Record<string, unknown>>().notNull().default({}),
  enabled: boolean("enabled").notNull().default(true),
  createdAt: createdAt(),
});

/** Per workspace: priorities, the FAQ bot, community rules for public comments, and where alerts go. */
export const triageSettings = pgTable("triage_settings", {
  workspaceId: uuid("workspace_id").primaryKey(),
  escalationKeywords: jsonb("escalation_keywords").$type<string[] | null>(),
  highReach: integer("high_reach").notNull().default(10_000),
  botEnabled: boolean("bot_enabled").notNull().default(true),
  botMinConfidence: doublePrecision("bot_min_confidence").notNull().default(0.75),
  botAnswerPublic: boolean("bot_answer_public").notNull().default(false),
  /** Share of the bot's answers put in front of a person for review. */
  botReviewRate: doublePrecision("bot_review_rate").notNull().default(0.2),
  communityRules: jsonb("community_rules").$type<Record<string, unknown> | null>(),
  alertWebhookUrl: text("alert_webhook_url"),
  /** Who gets SLA breach alerts by e-mail (needs PARLEY_SMTP_URL). */
  alertEmails: jsonb("alert_emails").$type<string[]>().notNull().default([]),
  brandName: text("brand_name").notNull().default(""),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Response-time promises; the most specific policy (team and priority, then team, then priority) applies. */
export const slaPolicies = pgTable("sla_policies", {
  id: id(),
  workspaceId: workspaceId(),
  name: text("name").notNull(),
  teamId: uuid("team_id").references(() => teams.id, { onDelete: "cascade" }),
  priority: text("priority", { enum: ["low", "normal", "high", "urgent"] }),
  firstResponseSeconds: integer("first_response_seconds").notNull().default(3600),
  nextResponseSeconds: integer("next_response_seconds"),
  resolutionSeconds: integer("resolution_seconds"),
  warningRatio: doublePrecision("warning_ratio").notNull().default(0.8),
  /** What happens at breach: raise the priority, hand to another team, tell people. */
  escalation: jsonb("escalation").$type<Record<string, unknown>>().notNull().default({}),
  enabled: boolean("enabled").notNull().default(true),
  createdAt: createdAt(),
});

/** The clocks' history: every start, pause, resume and stop, so any worker recomputes them exactly. */
export const slaEvents = pgTable(
  "sla_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: workspaceId(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    metric: text("metric", { enum: ["first_response", "next_response", "resolution"] }).notNull(),
    /** Which round of a metric: next response restarts with every customer message that waits for us. */
    round: integer("round").notNull().default(0),
    type: text("type", { enum: ["started", "paused", "resumed", "stopped"] }).notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sla_events_conversation_idx").on(t.conversationId, t.metric, t.round, t.at)],
);

/** The clocks' current reading, recomputed from sla_events whenever they change, for sweeps and lists. */
export const slaClocks = pgTable(
  "sla_clocks",
  {
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    metric: text("metric", { enum: ["first_response", "next_response", "resolution"] }).notNull(),
    workspaceId: workspaceId(),
    round: integer("round").notNull().default(0),
    policyId: uuid("policy_id"),
    policyName: text("policy_name").notNull(),
    targetSeconds: integer("target_seconds").notNull(),
    state: text("state", { enum: ["notStarted", "running", "paused", "met", "breached"] }).notNull(),
    /** Whether the round is counting, paused or over, whatever its state says about the target. */
    phase: text("phase", { enum: ["running", "paused", "stopped"] }).notNull(),
    elapsedSeconds: integer("elapsed_seconds").notNull().default(0),
    dueAt: timestamp("due_at", { withTimezone: true }),
    warningAt: timestamp("warning_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    stoppedAt: timestamp("stopped_at", { withTimezone: true }),
    warnedAt: timestamp("warned_at", { withTimezone: true }),
    breachedAt: timestamp("breached_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.metric] }),
    index("sla_clocks_due_idx").on(t.dueAt).where(sql`breached_at IS NULL AND due_at IS NOT NULL`),
    index("sla_clocks_warning_idx").on(t.warningAt).where(sql`warned_at IS NULL AND warning_at IS NOT NULL`),
  ],
);

/** Event × conditions × actions, evaluated by the triage worker. */
export const automationRules = pgTable("automation_rules", {
  id: id(),
  workspaceId: workspaceId(),
  name: text("name").notNull(),
  enabled: boolean("enabled").notNull().default(false),
  event: text("event").notNull(),
  match: text("match", { enum: ["all", "any"] })
    .notNull()
    .default("all"),
  conditions: jsonb("conditions").$type<unknown[]>().notNull().default([]),
  actions: jsonb("actions").$type<unknown[]>().notNull().default([]),
  position: integer("position").notNull().default(0),
  createdBy: uuid("created_by"),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every time a rule fired (or was stopped), with what each action did. */
export const automationRuns = pgTable(
  "automation_runs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: workspaceId(),
    ruleId: uuid("rule_id")
      .notNull()
      .references(() => automationRules.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id"),
    event: text("event").notNull(),
    status: text("status", { enum: ["applied", "partial", "failed", "loop_stopped"] }).notNull(),
    results: jsonb("results").$type<unknown[]>().notNull().default([]),
    error: text("error"),
    createdAt: createdAt(),
  },
  (t) => [index("automation_runs_rule_idx").on(t.ruleId, t.createdAt)],
);

/** What Parley tells people: SLA warnings and breaches, automation notices, reviews to do. */
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: workspaceId(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    conversationId: uuid("conversation_id"),
    /** An English sentence for logs and e-mail; the UI words known kinds itself from `data`. */
    text: text("text").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

/** Outgoing webhook calls (SLA alerts, automation), retried with backoff; a dead target never blocks triage. */
export const outboundWebhooks = pgTable(
  "outbound_webhooks",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: workspaceId(),
    url: text("url").notNull(),
    /** What asked for it: "sla" or "automation:<rule id>". */
    source: text("source").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["pending", "delivered", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: createdAt(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [index("outbound_webhooks_due_idx").on(t.nextAttemptAt).where(sql`status = 'pending'`)],
);

/** Canned replies: frequent situations answered well once, per language, with when to use them in public. */
export const cannedReplies = pgTable("canned_replies", {
  id: id(),
  workspaceId: workspaceId(),
  title: text("title").notNull(),
  shortcut: text("shortcut"),
  language: text("language").notNull(),
  body: text("body").notNull(),
  usage: text("usage", { enum: ["public", "private", "any"] })
    .notNull()
    .default("any"),
  guidance: text("guidance").notNull().default(""),
  categoryKey: text("category_key"),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Knowledge-base articles: used by agents and the FAQ bot; published ones form the public FAQ page. */
export const knowledgeArticles = pgTable("knowledge_articles", {
  id: id(),
  workspaceId: workspaceId(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  language: text("language").notNull(),
  categoryKey: text("category_key"),
  tags: jsonb("tags").$type<string[]>().notNull().default([]),
  published: boolean("published").notNull().default(false),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Each answer the FAQ bot gave, and, for the sampled ones, what a person thought of it. */
export const botAnswers = pgTable(
  "bot_answers",
  {
    id: id(),
    workspaceId: workspaceId(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "set null" }),
    articleId: uuid("article_id").references(() => knowledgeArticles.id, { onDelete: "set null" }),
    question: text("question").notNull(),
    confidence: doublePrecision("confidence").notNull(),
    sampled: boolean("sampled").notNull(),
    verdict: text("verdict", { enum: ["right", "wrong"] }),
    reviewedBy: uuid("reviewed_by"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("bot_answers_review_idx").on(t.workspaceId, t.sampled, t.reviewedAt)],
);

/** Public comments that broke a community rule, hidden automatically or waiting for a person's decision. */
export const moderationCases = pgTable(
  "moderation_cases",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: workspaceId(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").notNull(),
    action: text("action", { enum: ["hide", "review"] }).notNull(),
    violations: jsonb("violations").$type<unknown[]>().notNull(),
    summary: text("summary").notNull(),
    status: text("status", { enum: ["hidden", "pending", "kept", "restored"] }).notNull(),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("moderation_cases_message_idx").on(t.messageId)],
);

/** Who has a conversation open or is typing in it, for the collision warning; rows expire by time. */
export const conversationPresence = pgTable(
  "conversation_presence",
  {
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: workspaceId(),
    state: text("state", { enum: ["viewing", "typing"] }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] })],
);

/**
 * Reports' own durable copy of the conversation history (conversation_events are deleted after 30 days):
 * the facts of every conversation are recomputed from it, so a rebuild always has the whole story.
 */
export const reportEvents = pgTable(
  "report_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: workspaceId(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    userId: uuid("user_id"),
    automatedBy: text("automated_by"),
    countsAsResponse: boolean("counts_as_response").notNull().default(false),
    /** For status changes: the status set. */
    status: text("status"),
    reopened: boolean("reopened").notNull().default(false),
  },
  (t) => [index("report_events_conversation_idx").on(t.conversationId, t.id)],
);

/** Minutes in which an agent had a conversation open, typed in it or wrote a note: handle time's input. */
export const reportActivity = pgTable(
  "report_activity",
  {
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull(),
    minute: timestamp("minute", { withTimezone: true }).notNull(),
    kind: text("kind", { enum: ["view", "work"] }).notNull(),
    workspaceId: workspaceId(),
  },
  (t) => [
    primaryKey({ name: "report_activity_pk", columns: [t.conversationId, t.userId, t.minute, t.kind] }),
  ],
);

/** Conversations whose report facts must be recomputed; `version` lets a refresh tell a newer mark from its own. */
export const reportStale = pgTable("report_stale", {
  conversationId: uuid("conversation_id").primaryKey(),
  workspaceId: workspaceId(),
  version: bigint("version", { mode: "number" }).notNull().default(1),
  markedAt: timestamp("marked_at", { withTimezone: true }).notNull().defaultNow(),
});

/** What each conversation currently adds to the hourly rollup, so a change retracts exactly that and adds the new. */
export const reportFacts = pgTable("report_facts", {
  conversationId: uuid("conversation_id").primaryKey(),
  workspaceId: workspaceId(),
  dims: jsonb("dims").$type<Record<string, string>>().notNull(),
  contributions: jsonb("contributions").$type<unknown[]>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * UTC hour × one dimension's value × metric: the count and sum the reports add up, and for durations the count
 * per fixed bucket (analytics/histogram.ts) that medians and percentiles are read from. The primary key INCLUDEs
 * the figures (see the migration), so reports are index-only scans: past hours no longer change, and vacuum keeps
 * their pages all-visible.
 */
export const reportHourly = pgTable(
  "report_hourly",
  {
    workspaceId: workspaceId(),
    dim: text("dim").notNull(),
    metric: text("metric").notNull(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    value: text("value").notNull(),
    count: bigint("count", { mode: "number" }).notNull().default(0),
    sum: bigint("sum", { mode: "number" }).notNull().default(0),
    histogram: integer("histogram").array(),
  },
  (t) => [
    primaryKey({ name: "report_hourly_pk", columns: [t.workspaceId, t.dim, t.metric, t.hour, t.value] }),
  ],
);

/** One weekly digest e-mail per team lead and week, retried like alert e-mails until sent. */
export const reportDigests = pgTable(
  "report_digests",
  {
    workspaceId: workspaceId(),
    userId: uuid("user_id").notNull(),
    weekStart: text("week_start").notNull(),
    status: text("status", { enum: ["pending", "sent", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: "report_digests_pk", columns: [t.userId, t.weekStart] })],
);

/** Per workspace: satisfaction surveys after a resolution, "Did this help?" check-ins, pending cases closing. */
export const surveySettings = pgTable("survey_settings", {
  workspaceId: uuid("workspace_id").primaryKey(),
  enabled: boolean("enabled").notNull().default(false),
  kind: text("kind", { enum: ["csat", "nps"] })
    .notNull()
    .default("csat"),
  delaySeconds: integer("delay_seconds").notNull().default(300),
  csatLowMax: integer("csat_low_max").notNull().default(2),
  npsLowMax: integer("nps_low_max").notNull().default(6),
  /** A low score reopens the case, or leaves it resolved with a follow-up for the team lead. */
  lowScoreAction: text("low_score_action", { enum: ["reopen", "follow_up"] })
    .notNull()
    .default("follow_up"),
  askComment: boolean("ask_comment").notNull().default(true),
  /** How long a survey accepts its score (a typed "5" a week later is not an answer to it). */
  answerWindowHours: integer("answer_window_hours").notNull().default(72),
  /** One survey per case: a conversation resolved again within this many days is not asked again. */
  resurveyAfterDays: integer("resurvey_after_days").notNull().default(30),
  checkInEnabled: boolean("check_in_enabled").notNull().default(false),
  checkInDelaySeconds: integer("check_in_delay_seconds").notNull().default(86_400),
  /** Pending cases with no customer answer for this many days are resolved; null: never. */
  autoResolvePendingDays: integer("auto_resolve_pending_days"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One satisfaction survey of a resolved case; also the queue of surveys waiting for their moment. */
export const surveys = pgTable(
  "surveys",
  {
    id: id(),
    workspaceId: workspaceId(),
    /** The case that was resolved. */
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /** Where the question goes: the case's own private chat, or the person's private chat for a public case. */
    askConversationId: uuid("ask_conversation_id").references(() => conversations.id, {
      onDelete: "cascade",
    }),
    channelId: uuid("channel_id").notNull(),
    kind: text("kind", { enum: ["csat", "nps"] }).notNull(),
    status: text("status", { enum: ["scheduled", "sent", "answered", "skipped", "expired"] }).notNull(),
    skipReason: text("skip_reason"),
    language: text("language").notNull(),
    /** Team and agent at resolution, so results are theirs even if the case moves later. */
    teamId: uuid("team_id"),
    assigneeId: uuid("assignee_id"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    questionMessageId: uuid("question_message_id"),
    score: integer("score"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    answeredWith: text("answered_with", { enum: ["button", "text"] }),
    comment: text("comment"),
    commentedAt: timestamp("commented_at", { withTimezone: true }),
    lowScoreAction: text("low_score_action", { enum: ["reopen", "follow_up"] }),
    createdAt: createdAt(),
  },
  (t) => [
    index("surveys_due_idx").on(t.dueAt).where(sql`status = 'scheduled'`),
    index("surveys_conversation_idx").on(t.conversationId, t.createdAt),
    index("surveys_open_idx").on(t.askConversationId).where(sql`status IN ('sent', 'answered')`),
    index("surveys_results_idx").on(t.workspaceId, t.answeredAt).where(sql`score IS NOT NULL`),
  ],
);

/**
 * Things due later about a conversation: a "Did this help?" check-in, a snoozed conversation waking, a low score
 * for the team lead to look at. Claimed by the worker with SKIP LOCKED when due.
 */
export const followUps = pgTable(
  "follow_ups",
  {
    id: id(),
    workspaceId: workspaceId(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["check_in", "snooze", "low_score"] }).notNull(),
    status: text("status", { enum: ["pending", "done", "cancelled", "skipped"] })
      .notNull()
      .default("pending"),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    /** Who is told: the assignee of a snoozed case, the team lead of a low score. */
    userId: uuid("user_id"),
    createdBy: uuid("created_by"),
    /** Why it was skipped or cancelled, or what came of it. */
    reason: text("reason"),
    /** A check-in: the private chat it was asked in, and the customer's answer there. */
    chatId: uuid("chat_id"),
    answer: text("answer", { enum: ["yes", "no"] }),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (t) => [
    index("follow_ups_due_idx").on(t.dueAt).where(sql`status = 'pending'`),
    index("follow_ups_conversation_idx").on(t.conversationId, t.createdAt),
    // Every incoming message looks for a check-in waiting for its answer in that chat.
    index("follow_ups_open_check_in_idx")
      .on(t.chatId, t.doneAt)
      .where(sql`kind = 'check_in' AND status = 'done' AND answer IS NULL`),
  ],
);

/**
 * An invitation by e-mail link: the invitee chooses their own name and password. Only the link token's SHA-256 is
 * kept; the link works once, until `expires_at`, and a new invitation to the same address replaces an open one.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    workspaceId: workspaceId(),
    email: text("email").notNull(),
    role: text("role", { enum: ["admin", "supervisor", "agent"] }).notNull(),
    teamIds: jsonb("team_ids").$type<string[]>().notNull().default([]),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    /** The account the invitation became. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invitations_open_email_idx")
      .on(t.workspaceId, sql`lower(${t.email})`)
      .where(sql`accepted_at IS NULL AND revoked_at IS NULL`),
  ],
);

/** A password reset link: SHA-256 of its token, usable once before it expires. */
export const passwordResets = pgTable(
  "password_resets",
  {
    tokenHash: text("token_hash").primaryKey(),
    workspaceId: workspaceId(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The admin who made the link for someone; null when the person asked for it themselves. */
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

/**
 * Failed sign-ins per key: an account from one address, an account on one known device, or one address for
 * every account. Each key waits exponentially longer after its free failures (src/domain/signInThrottle.ts).
 */
export const signInThrottles = pgTable(
  "sign_in_throttles",
  {
    id: id(),
    key: text("key").notNull(),
    kind: text("kind", { enum: ["account_source", "account_device", "source"] }).notNull(),
    email: text("email"),
    source: text("source"),
    /** The account's workspace when the e-mail belongs to a user; null for unknown e-mails and addresses. */
    workspaceId: uuid("workspace_id"),
    failures: integer("failures").notNull().default(0),
    /** Attempts turned away unheard while the key had to wait. */
    refused: integer("refused").notNull().default(0),
    firstFailureAt: timestamp("first_failure_at", { withTimezone: true }).notNull().defaultNow(),
    lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull().defaultNow(),
    blockedUntil: timestamp("blocked_until", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("sign_in_throttles_key_idx").on(t.key),
    index("sign_in_throttles_recent_idx").on(t.lastFailureAt),
  ],
);

/** Browsers that signed in before (the device cookie's hash) and the address each last came from. */
export const signInDevices = pgTable(
  "sign_in_devices",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_devices_user_idx").on(t.userId, t.source)],
);

/**
 * One long-lived platform stream per app (X's filtered stream allows one connection per app): the worker process
 * whose lease is current streams; the row keeps the stream's state for the channel health page.
 */
export const streamLeases = pgTable(
  "stream_leases",
  {
    appKey: text("app_key").primaryKey(),
    channelId: uuid("channel_id").references(() => channels.id, { onDelete: "cascade" }),
    owner: text("owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    /** idle, connecting, connected, reconnecting, refused, stopped */
    state: text("state").notNull().default("idle"),
    /** Why the last connection ended, as a short label (never the platform's words). */
    detail: text("detail"),
    connectedAt: timestamp("connected_at", { withTimezone: true }),
    lastDataAt: timestamp("last_data_at", { withTimezone: true }),
    reconnects: integer("reconnects").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("stream_leases_channel_idx").on(t.channelId)],
);
