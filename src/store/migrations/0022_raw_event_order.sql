-- Raw events of one conversation are processed in the order they were stored, by one worker at a time (issue 14):
-- the key names the thread an event belongs to (or the message it is about), read from the payload at the door.
-- A worker does not pick an event while an earlier pending one of the same channel and key is leased or waiting
-- to be retried; the partial index finds such earlier events among the pending ones.
ALTER TABLE "raw_events" ADD COLUMN "order_key" text;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "raw_events_pending_order_idx" ON "raw_events" ("channel_id", "order_key", "id") WHERE "status" = 'pending';
