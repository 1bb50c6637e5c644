-- Sign-in throttling (src/server/auth/signInThrottles.ts): failures counted per (account, address), per
-- (account, known device) and per address, each with its own exponential wait, in the database so every
-- server process sees the same counts. Replaces counting auth.login_failed rows in the audit log.
CREATE TABLE "sign_in_throttles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"email" text,
	"source" text,
	"workspace_id" uuid,
	"failures" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"first_failure_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_failure_at" timestamp with time zone DEFAULT now() NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "sign_in_throttles_key_idx" ON "sign_in_throttles" ("key");
--> statement-breakpoint
CREATE INDEX "sign_in_throttles_recent_idx" ON "sign_in_throttles" ("last_failure_at");
--> statement-breakpoint
-- A browser that signed in before carries a device cookie; its hash is kept here with the address it last
-- came from, so neither the device nor the owner's usual address is slowed down by someone else's guessing.
CREATE TABLE "sign_in_devices" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sign_in_devices_user_idx" ON "sign_in_devices" ("user_id", "source");
