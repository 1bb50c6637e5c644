ALTER TABLE "messages" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sentiment" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sentiment_score" double precision;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sentiment_judged" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sentiment_model" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sentiment_judged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sentiment_corrected_by" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sentiment_corrected_at" timestamp with time zone;--> statement-breakpoint
CREATE TABLE "sentiment_corrections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"language" text,
	"text" text NOT NULL,
	"original_label" text NOT NULL,
	"corrected_label" text NOT NULL,
	"model" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sentiment_corrections" ADD CONSTRAINT "sentiment_corrections_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sentiment_corrections_workspace_idx" ON "sentiment_corrections" USING btree ("workspace_id","id");--> statement-breakpoint
CREATE INDEX "messages_sentiment_judged_idx" ON "messages" USING btree ("workspace_id","sentiment_judged_at") WHERE sentiment_judged_at IS NOT NULL;
