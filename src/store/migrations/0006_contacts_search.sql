-- Full-text search over messages: Parley's own stems (ru/pl/lv/en) as a 'simple' tsvector, filled by the
-- search indexer (src/search/messageIndexer.ts); an edit of the text sends the message back to be indexed.
ALTER TABLE "messages" ADD COLUMN "search_vector" tsvector;
--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "messages" USING gin ("search_vector");
--> statement-breakpoint
CREATE INDEX "messages_unindexed_idx" ON "messages" ("created_at") WHERE "search_vector" IS NULL;
--> statement-breakpoint
CREATE FUNCTION "parley_message_search_reset"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := NULL;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "messages_search_reset" BEFORE UPDATE OF "text" ON "messages"
  FOR EACH ROW WHEN (OLD.text IS DISTINCT FROM NEW.text) EXECUTE FUNCTION "parley_message_search_reset"();
--> statement-breakpoint
CREATE INDEX "contacts_name_search_idx" ON "contacts" USING gin (to_tsvector('simple'::regconfig, "display_name"));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contact_identities_contact_idx" ON "contact_identities" ("contact_id");
--> statement-breakpoint
CREATE INDEX "contact_identities_username_idx" ON "contact_identities" ("workspace_id", lower("username")) WHERE "username" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "merged_into_id" uuid REFERENCES "contacts"("id");
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "tags" jsonb DEFAULT '[]'::jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "phone" text;
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "email" text;
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "erased_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;
--> statement-breakpoint
CREATE INDEX "contacts_phone_idx" ON "contacts" ("workspace_id", "phone") WHERE "phone" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "contacts_email_idx" ON "contacts" ("workspace_id", lower("email")) WHERE "email" IS NOT NULL;
--> statement-breakpoint
CREATE TABLE "contact_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL REFERENCES "contacts"("id") ON DELETE CASCADE,
	"author_user_id" uuid REFERENCES "users"("id") ON DELETE SET NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "contact_notes_contact_idx" ON "contact_notes" ("contact_id", "created_at");
--> statement-breakpoint
CREATE TABLE "contact_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"source_contact_id" uuid NOT NULL REFERENCES "contacts"("id"),
	"target_contact_id" uuid NOT NULL REFERENCES "contacts"("id"),
	"identity_ids" jsonb NOT NULL,
	"conversation_ids" jsonb NOT NULL,
	"note_ids" jsonb NOT NULL,
	"target_before" jsonb NOT NULL,
	"merged_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unmerged_at" timestamp with time zone,
	"unmerged_by" uuid
);
--> statement-breakpoint
CREATE INDEX "contact_merges_target_idx" ON "contact_merges" ("target_contact_id", "created_at");
--> statement-breakpoint
CREATE INDEX "contact_merges_source_idx" ON "contact_merges" ("source_contact_id", "created_at");
--> statement-breakpoint
CREATE TABLE "contact_suggestion_dismissals" (
	"workspace_id" uuid NOT NULL,
	"contact_a_id" uuid NOT NULL REFERENCES "contacts"("id") ON DELETE CASCADE,
	"contact_b_id" uuid NOT NULL REFERENCES "contacts"("id") ON DELETE CASCADE,
	"dismissed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	PRIMARY KEY ("contact_a_id", "contact_b_id")
);
--> statement-breakpoint
CREATE TABLE "saved_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"owner_user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"team_id" uuid REFERENCES "teams"("id") ON DELETE CASCADE,
	"name" text NOT NULL,
	"filters" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "saved_views_workspace_idx" ON "saved_views" ("workspace_id", "team_id");
