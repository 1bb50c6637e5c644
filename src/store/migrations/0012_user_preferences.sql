-- Per-person preferences (issue 12): the colour theme and the sound/desktop alert switches follow the person from
-- browser to browser instead of living in one browser's localStorage. One jsonb column: the set grows with the UI,
-- and it is only ever read and written whole for its owner.
ALTER TABLE "users" ADD COLUMN "preferences" jsonb DEFAULT '{}'::jsonb NOT NULL;
