-- Bodies PostgreSQL cannot hold as sent (a NUL or an unpaired surrogate in their text) are stored with those
-- characters replaced; these columns keep the bytes as they arrived.
ALTER TABLE "raw_events" ADD COLUMN "raw_body" bytea;
--> statement-breakpoint
ALTER TABLE "rejected_webhooks" ADD COLUMN "raw_bytes" bytea;
