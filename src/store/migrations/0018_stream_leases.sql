-- X's filtered stream allows one connection per app: of several worker processes, the one holding this row's lease
-- streams, and another takes over when the lease runs out (the holder died). The row also keeps the stream's state
-- for the channel health page.
CREATE TABLE "stream_leases" (
	"app_key" text PRIMARY KEY NOT NULL,
	"channel_id" uuid REFERENCES "channels"("id") ON DELETE CASCADE,
	"owner" text,
	"lease_until" timestamp with time zone,
	"state" text DEFAULT 'idle' NOT NULL,
	"detail" text,
	"connected_at" timestamp with time zone,
	"last_data_at" timestamp with time zone,
	"reconnects" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "stream_leases_channel_idx" ON "stream_leases" USING btree ("channel_id");
