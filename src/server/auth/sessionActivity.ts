import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../store/database.ts";
import { sessions } from "../../store/schema.ts";

/** "Last seen" to the minute is enough to recognise a session; finer would cost a write on every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export async function markSessionSeen(
  db: DbOrTx,
  session: { tokenHash: string; lastSeenAt: Date },
  now: Date = new Date(),
): Promise<void> {
  if (now.getTime() - session.lastSeenAt.getTime() < LAST_SEEN_RESOLUTION_MS) return;
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, session.tokenHash));
}
