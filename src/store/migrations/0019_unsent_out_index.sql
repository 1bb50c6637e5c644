-- Every echo of the brand's own message (VK message_reply, wall comments) looks for the channel's replies that
-- have no platform id yet. Without an index that scan reads the channel's whole history; this partial index holds
-- only the few replies in flight.
CREATE INDEX IF NOT EXISTS "messages_unsent_out_idx" ON "messages" ("channel_id", "created_at") WHERE external_id IS NULL AND direction = 'out';
