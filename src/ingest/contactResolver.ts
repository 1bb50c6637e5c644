import { sql } from "drizzle-orm";
import type { Author } from "../domain/inboundEvent.ts";
import type { Tx } from "../store/database.ts";
import { contactIdentities, contacts } from "../store/schema.ts";

export interface ResolvedContact {
  contactId: string;
  identityId: string;
}

/**
 * Finds the contact behind a platform identity, creating both on first sight. Names are refreshed because
 * people rename themselves; the contact keeps its id so its history on every channel stays together.
 */
export async function resolveContact(
  tx: Tx,
  workspaceId: string,
  platform: string,
  author: Author,
): Promise<ResolvedContact> {
  const [existing] = await tx
    .select({
      id: contactIdentities.id,
      contactId: contactIdentities.contactId,
      displayName: contactIdentities.displayName,
      username: contactIdentities.username,
      reach: contactIdentities.reach,
    })
    .from(contactIdentities)
    .where(
      sql`${contactIdentities.workspaceId} = ${workspaceId} AND ${contactIdentities.platform} = ${platform} AND ${contactIdentities.externalId} = ${author.externalId}`,
    )
    .limit(1);
  if (existing) {
    if (author.needsProfile) return { contactId: existing.contactId, identityId: existing.id };
    const unchanged =
      existing.displayName === author.displayName &&
      existing.username === (author.username ?? null) &&
      existing.reach === (author.reach ?? null);
    if (unchanged) return { contactId: existing.contactId, identityId: existing.id };
    await tx
      .update(contactIdentities)
      .set({
        displayName: author.displayName,
        username: author.username ?? null,
        reach: author.reach ?? null,
      })
      .where(sql`${contactIdentities.id} = ${existing.id}`);
    return { contactId: existing.contactId, identityId: existing.id };
  }
  const [contact] = await tx
    .insert(contacts)
    .values({ workspaceId, displayName: author.displayName })
    .returning({ id: contacts.id });
  // Two workers may meet the same new person at once; the unique index picks one and the other reuses it.
  const [identity] = await tx
    .insert(contactIdentities)
    .values({
      workspaceId,
      contactId: contact!.id,
      platform,
      externalId: author.externalId,
      username: author.username ?? null,
      displayName: author.displayName,
      reach: author.reach ?? null,
      profileFetchedAt: author.needsProfile ? null : new Date(),
    })
    .onConflictDoUpdate({
      target: [contactIdentities.workspaceId, contactIdentities.platform, contactIdentities.externalId],
      set: { displayName: author.displayName },
    })
    .returning({ id: contactIdentities.id, contactId: contactIdentities.contactId });
  return { contactId: identity!.contactId, identityId: identity!.id };
}
