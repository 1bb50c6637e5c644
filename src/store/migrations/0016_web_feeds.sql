-- The open web: one row per RSS/Atom feed channel with its HTTP validators (ETag, Last-Modified) for conditional
-- GET, when it is due, the lease that lets exactly one worker process poll it at a time, and why it is failing.
CREATE TABLE "web_feeds" (
	"channel_id" uuid PRIMARY KEY NOT NULL REFERENCES "channels"("id") ON DELETE CASCADE,
	"workspace_id" uuid NOT NULL,
	"etag" text,
	"last_modified" text,
	"validators_url" text,
	"next_poll_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"last_polled_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_status" integer,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"failing_since" timestamp with time zone,
	"failure_reason" text,
	"failure_code" text,
	"items_stored" integer DEFAULT 0 NOT NULL,
	"items_skipped" integer DEFAULT 0 NOT NULL,
	"last_skip_reason" text
);--> statement-breakpoint
CREATE INDEX "web_feeds_due_idx" ON "web_feeds" USING btree ("next_poll_at");--> statement-breakpoint
-- An agent who answered a web mention on the site itself records it: an outbound message that never goes
-- through the outbox, marked so the thread says where the answer was given.
ALTER TABLE "messages" ADD COLUMN "answered_on_site_at" timestamp with time zone;
