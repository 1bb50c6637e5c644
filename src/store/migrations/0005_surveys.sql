CREATE TABLE "survey_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"kind" text DEFAULT 'csat' NOT NULL,
	"delay_seconds" integer DEFAULT 300 NOT NULL,
	"csat_low_max" integer DEFAULT 2 NOT NULL,
	"nps_low_max" integer DEFAULT 6 NOT NULL,
	"low_score_action" text DEFAULT 'follow_up' NOT NULL,
	"ask_comment" boolean DEFAULT true NOT NULL,
	"answer_window_hours" integer DEFAULT 72 NOT NULL,
	"resurvey_after_days" integer DEFAULT 30 NOT NULL,
	"check_in_enabled" boolean DEFAULT false NOT NULL,
	"check_in_delay_seconds" integer DEFAULT 86400 NOT NULL,
	"auto_resolve_pending_days" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL REFERENCES "conversations"("id") ON DELETE cascade,
	"ask_conversation_id" uuid REFERENCES "conversations"("id") ON DELETE cascade,
	"channel_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"skip_reason" text,
	"language" text NOT NULL,
	"team_id" uuid,
	"assignee_id" uuid,
	"resolved_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"question_message_id" uuid,
	"score" integer,
	"answered_at" timestamp with time zone,
	"answered_with" text,
	"comment" text,
	"commented_at" timestamp with time zone,
	"low_score_action" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "surveys_due_idx" ON "surveys" USING btree ("due_at") WHERE status = 'scheduled';--> statement-breakpoint
CREATE INDEX "surveys_conversation_idx" ON "surveys" USING btree ("conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "surveys_open_idx" ON "surveys" USING btree ("ask_conversation_id") WHERE status IN ('sent', 'answered');--> statement-breakpoint
CREATE INDEX "surveys_results_idx" ON "surveys" USING btree ("workspace_id","answered_at") WHERE score IS NOT NULL;--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL REFERENCES "conversations"("id") ON DELETE cascade,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"user_id" uuid,
	"created_by" uuid,
	"reason" text,
	"chat_id" uuid,
	"answer" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "follow_ups_due_idx" ON "follow_ups" USING btree ("due_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "follow_ups_conversation_idx" ON "follow_ups" USING btree ("conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "follow_ups_open_check_in_idx" ON "follow_ups" USING btree ("chat_id","done_at") WHERE kind = 'check_in' AND status = 'done' AND answer IS NULL;
