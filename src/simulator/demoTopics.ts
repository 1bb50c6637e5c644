import { eq } from "drizzle-orm";
import { createTopic, type TopicInput } from "../commands/topicEditor.ts";
import type { RunningParley } from "../parley.ts";
import { listeningTopics } from "../store/schema.ts";

/** What a retailer would listen for on day one: itself, its loyalty programme and two competitors. */
export const DEMO_TOPICS: TopicInput[] = [
  {
    name: "Nordmart",
    kind: "brand",
    query: 'nordmart OR "nord mart" OR #nordmart OR @nordmart',
    languages: [],
    sources: [],
    extraVariants: { nordmart: ["нормарт", "NM"] },
    excludedVariants: [],
    aliases: [{ text: "Nordmart Group", kind: "parent" }],
    enabled: true,
  },
  {
    name: "Nordmart Bonus",
    kind: "product",
    query:
      '"nordmart bonus" OR ((bonus OR бонус OR punkty OR punkti OR баллы) NEAR/4 (nordmart OR karta OR карта))',
    languages: [],
    sources: [],
    extraVariants: {},
    excludedVariants: [],
    aliases: [],
    enabled: true,
  },
  {
    name: "Elektrika",
    kind: "competitor",
    query: "elektrika OR электрика",
    languages: [],
    sources: [],
    extraVariants: {},
    excludedVariants: [],
    aliases: [],
    enabled: true,
  },
  {
    name: "TechnoPolis",
    kind: "competitor",
    query: "technopolis OR технополис",
    languages: [],
    sources: [],
    extraVariants: {},
    excludedVariants: [],
    aliases: [],
    enabled: true,
  },
];

/** Creates the demo topics once, so the listening pages have something to show from the first minute. */
export async function seedDemoTopics(parley: RunningParley): Promise<void> {
  const { db } = parley.database;
  const { workspaceId, adminId } = parley.bootstrap;
  const existing = await db
    .select({ id: listeningTopics.id })
    .from(listeningTopics)
    .where(eq(listeningTopics.workspaceId, workspaceId))
    .limit(1);
  if (existing.length > 0) return;
  for (const topic of DEMO_TOPICS) await createTopic(db, { workspaceId, userId: adminId }, topic);
}
