import { and, asc, eq, or, sql } from "drizzle-orm";
import { z } from "zod";
import { HttpError } from "../server/httpError.ts";
import type { Db, DbOrTx } from "../store/database.ts";
import { automationRules, categories, routingRules } from "../store/schema.ts";
import {
  type Actor,
  changeTriageConfig,
  deleteTriageConfigRow,
  refuseWhileUsed,
} from "./triageConfigChange.ts";
import { findOwnRow, ownRow } from "./workspaceRows.ts";

/** The languages categories are named and matched in: the UI languages. */
export const CATEGORY_LANGUAGES = ["en", "ru", "pl", "lv"] as const;

/** Keys are referenced by routing rules, automation, canned replies and articles: a plain slug that never changes. */
const Key = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(
    /^[a-z0-9]+(?:[_-][a-z0-9]+)*$/,
    'Use a slug of lower-case letters, digits, "-" and "_", e.g. "late_delivery"',
  );
const Names = z.partialRecord(z.enum(CATEGORY_LANGUAGES), z.string().trim().max(200));
const Keywords = z.partialRecord(
  z.enum(CATEGORY_LANGUAGES),
  z.array(z.string().trim().min(1, "A keyword cannot be empty").max(100)).max(500),
);

export const CategoryInput = z.object({
  key: Key,
  /** Shown where no name in the reader's language is given; defaults to the English name or the key. */
  name: z.string().trim().min(1).max(200).optional(),
  names: Names.default({}),
  keywords: Keywords.default({}),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CategoryInput = z.infer<typeof CategoryInput>;

export const CategoryPatch = z.object({
  key: Key.optional(),
  name: z.string().trim().min(1).max(200).optional(),
  names: Names.optional(),
  keywords: Keywords.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CategoryPatch = z.infer<typeof CategoryPatch>;

function cleanNames(names: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(names).filter((e): e is [string, string] => !!e[1]));
}

function cleanKeywords(keywords: Record<string, string[] | undefined>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(keywords)
      .filter((e): e is [string, string[]] => !!e[1])
      .map(([language, words]) => [language, [...new Set(words.map((w) => w.toLowerCase()))]]),
  );
}

export async function listCategories(db: DbOrTx, workspaceId: string) {
  return db
    .select({
      id: categories.id,
      key: categories.key,
      name: categories.name,
      names: categories.names,
      keywords: categories.keywords,
      position: categories.position,
    })
    .from(categories)
    .where(eq(categories.workspaceId, workspaceId))
    .orderBy(asc(categories.position), asc(categories.key));
}

export async function createCategory(db: Db, actor: Actor, input: CategoryInput) {
  return changeTriageConfig(db, actor, async (tx) => {
    const [taken] = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.workspaceId, actor.workspaceId), eq(categories.key, input.key)));
    if (taken) throw new HttpError(409, "key_taken", `A category with the key "${input.key}" already exists`);
    const [{ next } = { next: 0 }] = await tx
      .select({ next: sql<number>`coalesce(max(${categories.position}) + 1, 0)::int` })
      .from(categories)
      .where(eq(categories.workspaceId, actor.workspaceId));
    const names = cleanNames(input.names);
    const [category] = await tx
      .insert(categories)
      .values({
        workspaceId: actor.workspaceId,
        key: input.key,
        name: input.name ?? names.en ?? input.key,
        names,
        keywords: cleanKeywords(input.keywords),
        position: input.position ?? next,
      })
      .returning();
    return {
      result: category!,
      audit: {
        action: "category.created",
        targetType: "category",
        targetId: category!.id,
        details: { key: input.key },
      },
    };
  });
}

export async function updateCategory(db: Db, actor: Actor, categoryId: string, patch: CategoryPatch) {
  return changeTriageConfig(db, actor, async (tx) => {
    const current = await findOwnRow(tx, categories, actor.workspaceId, categoryId, "Category");
    if (patch.key !== undefined && patch.key !== current.key)
      throw new HttpError(
        400,
        "key_immutable",
        "A category's key cannot change: rules, replies and articles refer to it. Create a new category instead.",
      );
    const changes = {
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.names === undefined ? {} : { names: cleanNames(patch.names) }),
      ...(patch.keywords === undefined ? {} : { keywords: cleanKeywords(patch.keywords) }),
      ...(patch.position === undefined ? {} : { position: patch.position }),
    };
    const [category] = Object.keys(changes).length
      ? await tx
          .update(categories)
          .set(changes)
          .where(ownRow(categories, actor.workspaceId, categoryId))
          .returning()
      : [current];
    return {
      result: category!,
      audit: {
        action: "category.updated",
        targetType: "category",
        targetId: categoryId,
        details: { key: current.key, changed: Object.keys(changes) },
      },
    };
  });
}

/** Refused while a routing or automation rule names the key: they would silently stop matching. */
export async function deleteCategory(db: Db, actor: Actor, categoryId: string) {
  const target = {
    table: categories,
    id: categoryId,
    what: "Category",
    targetType: "category",
    label: { key: categories.key },
  };
  await deleteTriageConfigRow(db, actor, target, async (tx) => {
    const { key } = await findOwnRow(tx, categories, actor.workspaceId, categoryId, "Category");
    await refuseWhileUsed("category_in_use", `The category "${key}"`, [
      tx
        .select({ name: routingRules.name })
        .from(routingRules)
        .where(
          and(
            eq(routingRules.workspaceId, actor.workspaceId),
            sql`coalesce(${routingRules.conditions}->'categories', '[]'::jsonb) @> ${JSON.stringify([key])}::jsonb`,
          ),
        ),
      tx
        .select({ name: automationRules.name })
        .from(automationRules)
        .where(
          and(
            eq(automationRules.workspaceId, actor.workspaceId),
            or(
              sql`${automationRules.actions} @> ${JSON.stringify([{ type: "set_category", categoryKey: key }])}::jsonb`,
              sql`${automationRules.conditions} @> ${JSON.stringify([{ field: "category", value: key }])}::jsonb`,
              sql`${automationRules.conditions} @> ${JSON.stringify([{ field: "category", value: [key] }])}::jsonb`,
            ),
          ),
        ),
    ]);
  });
}
