-- The worker's pick walks pending raw events in id order (issue 14). Without an index on id among the pending rows
-- alone, that walk went through the primary key past every processed event first, and each pick grew slower as the
-- table filled: 10 ms a pick on PGlite after a burst of 2,000 webhooks.
CREATE INDEX IF NOT EXISTS "raw_events_pending_pick_idx" ON "raw_events" ("id") WHERE "status" = 'pending';
