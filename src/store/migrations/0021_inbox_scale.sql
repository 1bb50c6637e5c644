-- The inbox at a big brand's scale (issue 14). "SLA due soonest" sorts by a key kept on the conversation row
-- (the SLA tracker writes it with the clocks: the due time of the running clock nearest to it, 'infinity' when
-- none runs, so the order and its keyset cursor are one plain index range), and every filter and ordering the
-- inbox offers has an index in that order, partial on the inbox (listening's captured threads are not in it).
ALTER TABLE "conversations" ADD COLUMN "next_due_at" timestamp with time zone DEFAULT 'infinity' NOT NULL;
--> statement-breakpoint
UPDATE "conversations" c SET "next_due_at" = d.due
  FROM (SELECT conversation_id, min(due_at) AS due FROM sla_clocks
    WHERE phase = 'running' AND due_at IS NOT NULL GROUP BY conversation_id) d
  WHERE c.id = d.conversation_id;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_due_idx" ON "conversations" ("workspace_id", "next_due_at", "id") WHERE "in_inbox";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_team_idx" ON "conversations" ("team_id", "last_message_at", "id") WHERE "in_inbox";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_team_due_idx" ON "conversations" ("team_id", "next_due_at", "id") WHERE "in_inbox";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_channel_idx" ON "conversations" ("channel_id", "last_message_at", "id") WHERE "in_inbox";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_assignee_idx" ON "conversations" ("workspace_id", "assignee_id", "last_message_at", "id") WHERE "in_inbox";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_assignee_due_idx" ON "conversations" ("workspace_id", "assignee_id", "next_due_at", "id") WHERE "in_inbox";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_status_idx" ON "conversations" ("workspace_id", "status", "last_message_at", "id") WHERE "in_inbox";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_priority_idx" ON "conversations" ("workspace_id", "priority", "last_message_at", "id") WHERE "in_inbox";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_category_idx" ON "conversations" ("category_id", "last_message_at", "id") WHERE "in_inbox";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_queued_idx" ON "conversations" ("workspace_id", "last_message_at", "id") WHERE "in_inbox" AND "queued_at" IS NOT NULL AND "assignee_id" IS NULL;
