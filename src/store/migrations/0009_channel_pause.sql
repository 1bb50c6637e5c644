-- A channel's own back-off and pause (src/channelHealth/): the platform's wait is kept in the database, so every
-- worker process honours it, and a channel that keeps failing is paused with its reason instead of hammering.
ALTER TABLE "channels" ADD COLUMN "backoff_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "consecutive_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "paused_reason" text;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "paused_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "failed_probes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "last_error_status" text;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "last_error_at" timestamp with time zone;
