import { sql } from "drizzle-orm";
import type { Author } from "../domain/inboundEvent.ts";
import type { Tx } from "../store/database.ts";
import { contactIdentities, contacts } from "../store/schema.ts";
import { type IngestBatch, identityKey, identityOf, type KnownIdentity } from "./ingestBatch.ts";

export interface ResolvedContact {
  contactId: string;
  identityId: string;
}

/**
 * Finds the contact behind a platform identity, creating both on first sight. Names are refreshed because
 * people rename themselves; the contact keeps its id so its history on every channel stays together.
 * Within an ingest batch, the identity is looked up once for the whole batch and remembered as it changes.
 */
export async function resolveContact(
  tx: Tx,
  workspaceId: string,
  platform: string,
  author: Author,
  batch?: IngestBatch,
): Promise<ResolvedContact> {
  const key = identityKey(workspaceId, platform, author.externalId);
  const known = batch?.identity(key);
  const existing = known === undefined ? await storedIdentity(tx, workspaceId, platform, author) : known;
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
    batch?.rememberIdentity(key, identityOf(existing.id, existing.contactId, author));
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
    .returning({
      id: contactIdentities.id,
      contactId: contactIdentities.contactId,
      // xmax is 0 on a row this statement inserted, not on one it updated.
      created: sql<boolean>`(xmax = 0)`,
    });
  // Only a row written here is known whole; another worker's is read again next time.
  batch?.rememberIdentity(
    key,
    identity!.created ? identityOf(identity!.id, identity!.contactId, author) : undefined,
  );
  return { contactId: identity!.contactId, identityId: identity!.id };
}

async function storedIdentity(
  tx: Tx,
  workspaceId: string,
  platform: string,
  author: Author,
): Promise<KnownIdentity | null> {
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
  return existing ?? null;
}
