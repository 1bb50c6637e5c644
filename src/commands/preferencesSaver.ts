import { eq } from "drizzle-orm";
import type { Viewer } from "../domain/roles.ts";
import {
  applyPreferencesChange,
  type PreferencesChange,
  readPreferences,
  type UserPreferences,
} from "../domain/userPreferences.ts";
import { notFound } from "../server/httpError.ts";
import type { Db, DbOrTx } from "../store/database.ts";
import { users } from "../store/schema.ts";

/** The viewer's preferences, every field filled (defaults for what they never chose). */
export async function loadPreferences(db: DbOrTx, userId: string): Promise<UserPreferences> {
  const [row] = await db.select({ preferences: users.preferences }).from(users).where(eq(users.id, userId));
  if (!row) throw notFound("User");
  return readPreferences(row.preferences);
}

/**
 * Saves a change to the viewer's own preferences. The row is locked while the change is merged, so two tabs
 * saving different fields at once both keep theirs.
 */
export async function savePreferences(
  db: Db,
  viewer: Viewer,
  change: PreferencesChange,
): Promise<UserPreferences> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ preferences: users.preferences })
      .from(users)
      .where(eq(users.id, viewer.userId))
      .for("update");
    if (!row) throw notFound("User");
    const next = applyPreferencesChange(readPreferences(row.preferences), change);
    await tx
      .update(users)
      .set({ preferences: next as unknown as Record<string, unknown> })
      .where(eq(users.id, viewer.userId));
    return next;
  });
}
