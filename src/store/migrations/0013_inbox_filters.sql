-- The inbox filters by label and by language (issue 12). Labels: a GIN index answers "carries all of these
-- labels" (jsonb containment) without walking every conversation. Language: the inbox's own order within one
-- language, so a page of a rare language is read from the index instead of filtering the whole inbox.
CREATE INDEX "conversations_labels_idx" ON "conversations" USING gin ("labels" jsonb_path_ops);
--> statement-breakpoint
CREATE INDEX "conversations_language_idx" ON "conversations" ("workspace_id", "language", "last_message_at", "id") WHERE "language" IS NOT NULL;
