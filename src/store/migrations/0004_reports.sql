CREATE TABLE "report_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"user_id" uuid,
	"automated_by" text,
	"counts_as_response" boolean DEFAULT false NOT NULL,
	"status" text,
	"reopened" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "report_events_conversation_idx" ON "report_events" USING btree ("conversation_id","id");
--> statement-breakpoint
CREATE TABLE "report_activity" (
	"conversation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	CONSTRAINT "report_activity_pk" PRIMARY KEY("conversation_id","user_id","minute","kind")
);
--> statement-breakpoint
ALTER TABLE "report_activity" ADD CONSTRAINT "report_activity_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE TABLE "report_stale" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_facts" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"dims" jsonb NOT NULL,
	"contributions" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_hourly" (
	"workspace_id" uuid NOT NULL,
	"dim" text NOT NULL,
	"metric" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"value" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"sum" bigint DEFAULT 0 NOT NULL,
	"histogram" integer[],
	CONSTRAINT "report_hourly_pk" PRIMARY KEY("workspace_id","dim","metric","hour","value") INCLUDE ("count","sum","histogram")
);
--> statement-breakpoint
CREATE TABLE "report_digests" (
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"week_start" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_digests_pk" PRIMARY KEY("user_id","week_start")
);
--> statement-breakpoint
INSERT INTO "report_events" ("workspace_id", "conversation_id", "type", "at", "user_id", "automated_by", "counts_as_response", "status", "reopened")
SELECT "workspace_id", "conversation_id", "type", "occurred_at",
	("details"->>'userId')::uuid,
	"details"->>'automatedBy',
	"type" = 'agent_replied' AND ("details"->>'fromPlatformApp' = 'true' OR "details"->>'userId' IS NOT NULL OR "details"->>'automatedBy' = 'bot'),
	CASE WHEN "type" = 'status_changed' THEN "details"->>'status' END,
	coalesce("details"->>'reopened' = 'true', false)
FROM "conversation_events"
WHERE "type" IN ('conversation_created', 'message_received', 'agent_replied', 'status_changed')
ORDER BY "id";
--> statement-breakpoint
INSERT INTO "report_stale" ("conversation_id", "workspace_id") SELECT "id", "workspace_id" FROM "conversations";
