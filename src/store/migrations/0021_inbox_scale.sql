-- The inbox at a big brand's scale (issue 14). "SLA due soonest" sorts by a key kept on the conversation row
-- (the SLA tracker writes it with the clocks: the due time of the running clock nearest to it, 'infinity' when
-- none runs, so the order and its keyset cursor are one plain index range), and every filter and ordering the
-- inbox offers has an index in that order, partial on the inbox (listening's captured threads are not in it).
ALTER TABLE "conversations" ADD COLUMN "next_due_at" timestamp with time zone DEFAULT 'infinity' NOT NULL;
--> statement-breakpoint
UPDATE "conversations" c SET "next_due_at" = d.due
  FROM (SELECT conversation_id, min(due_at) AS due FROM sla_clocks
    WHERE phase = 'running' AND due_at IS NOT NULL GROUP BY conversation_id) d
  WHERE c.id = d.conversation_id;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_due_idx" ON "conversations" ("workspace_id", "next_due_at", "id") WHERE "in_inbox";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_team_idx" ON "conversations" ("team_id", "last_message_at", "id") WHERE "in_inbox";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_team_due_idx" ON "conversations" ("team_id", "next_due_at", "id") WHERE "in_inbox";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_channel_idx" ON "conversations" ("channel_id", "last_message_at", "id") WHERE "in_inbox";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_assignee_idx" ON "conversations" ("workspace_id", "assignee_id", "last_message_at", "id") WHERE "in_inbox";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_assignee_due_idx" ON "conversations" ("workspace_id", "assignee_id", "next_due_at", "id") WHERE "in_inbox";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_status_idx" ON "conversations" ("workspace_id", "status", "last_message_at", "id") WHERE "in_inbox";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_priority_idx" ON "conversations" ("workspace_id", "priority", "last_message_at", "id") WHERE "in_inbox";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_category_idx" ON "conversations" ("category_id", "last_message_at", "id") WHERE "in_inbox";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_inbox_queued_idx" ON "conversations" ("workspace_id", "last_message_at", "id") WHERE "in_inbox" AND "queued_at" IS NOT NULL AND "assignee_id" IS NULL;
--> statement-breakpoint
-- The label menu's counts (GET /api/labels) without a walk of every conversation: one row per workspace, team,
-- assignee and label, kept by triggers on conversations (every writer of labels, team or assignee is counted,
-- whichever path it takes). The menu adds up a few hundred rows under the viewer's visibility; the all-zero
-- uuid stands for "no team" / "nobody", so each conversation is counted in exactly one bucket.
CREATE TABLE "conversation_label_counts" (
	"workspace_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"assignee_id" uuid NOT NULL,
	"label" text NOT NULL,
	"count" integer NOT NULL,
	PRIMARY KEY ("workspace_id", "team_id", "assignee_id", "label")
);
--> statement-breakpoint
CREATE FUNCTION "parley_label_counts_add"(ws uuid, team uuid, assignee uuid, labels jsonb, delta integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  one text;
BEGIN
  -- In label order, so two transactions counting the same labels lock their rows in the same order.
  FOR one IN SELECT DISTINCT l FROM jsonb_array_elements_text(labels) AS l ORDER BY 1 LOOP
    INSERT INTO "conversation_label_counts" AS k VALUES (ws, coalesce(team, '00000000-0000-0000-0000-000000000000'),
      coalesce(assignee, '00000000-0000-0000-0000-000000000000'), one, delta)
    ON CONFLICT ("workspace_id", "team_id", "assignee_id", "label") DO UPDATE SET "count" = k."count" + delta;
  END LOOP;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "parley_label_counts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM "parley_label_counts_add"(OLD.workspace_id, OLD.team_id, OLD.assignee_id, OLD.labels, -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM "parley_label_counts_add"(NEW.workspace_id, NEW.team_id, NEW.assignee_id, NEW.labels, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "conversations_label_counts_insert" AFTER INSERT ON "conversations"
  FOR EACH ROW WHEN (NEW.labels <> '[]'::jsonb) EXECUTE FUNCTION "parley_label_counts"();
--> statement-breakpoint
CREATE TRIGGER "conversations_label_counts_delete" AFTER DELETE ON "conversations"
  FOR EACH ROW WHEN (OLD.labels <> '[]'::jsonb) EXECUTE FUNCTION "parley_label_counts"();
--> statement-breakpoint
CREATE TRIGGER "conversations_label_counts_update" AFTER UPDATE OF "labels", "team_id", "assignee_id", "workspace_id" ON "conversations"
  FOR EACH ROW WHEN (OLD.labels IS DISTINCT FROM NEW.labels OR (NEW.labels <> '[]'::jsonb AND (
    OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id
    OR OLD.workspace_id IS DISTINCT FROM NEW.workspace_id)))
  EXECUTE FUNCTION "parley_label_counts"();
--> statement-breakpoint
INSERT INTO "conversation_label_counts"
  SELECT c.workspace_id, coalesce(c.team_id, '00000000-0000-0000-0000-000000000000'),
    coalesce(c.assignee_id, '00000000-0000-0000-0000-000000000000'), l.label, count(*)::int
  FROM "conversations" c CROSS JOIN LATERAL (SELECT DISTINCT x AS label FROM jsonb_array_elements_text(c.labels) AS x) l
  WHERE c.labels <> '[]'::jsonb
  GROUP BY 1, 2, 3, 4;
