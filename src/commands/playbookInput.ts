import { z } from "zod";

/** The languages replies and articles are written in: the four the checks and the search understand. */
export const PLAYBOOK_LANGUAGES = ["ru", "pl", "lv", "en"] as const;
export type PlaybookLanguage = (typeof PLAYBOOK_LANGUAGES)[number];

/** A category's key (delivery, returns): the link to conversations' categories and the FAQ page's groups. */
export const CategoryKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, "Use a category key: lowercase letters, digits, - and _");

export interface PlaybookActor {
  workspaceId: string;
  userId: string;
}
