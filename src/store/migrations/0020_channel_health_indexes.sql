-- The channel health page (issue 13) asks, per channel, for its last event, its last delivered reply and its
-- recent failures. Ordered by id within the channel, each is a short backward walk of one index instead of a scan
-- of every channel's events and sends.
CREATE INDEX IF NOT EXISTS "raw_events_channel_idx" ON "raw_events" ("channel_id", "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "outbox_channel_idx" ON "outbox" ("channel_id", "id");
