ALTER TABLE "listening_topics" ADD COLUMN "aliases" jsonb DEFAULT '[]'::jsonb NOT NULL;
