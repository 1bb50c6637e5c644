import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";
import { listeningTopics } from "../store/schema.ts";
import { parseQuery, type QueryNode } from "./queryParser.ts";

function positiveTerms(node: QueryNode, out: string[]): void {
  switch (node.type) {
    case "term":
      out.push(node.term);
      return;
    case "and":
    case "or":
      for (const child of node.children) positiveTerms(child, out);
      return;
    case "near":
      positiveTerms(node.left, out);
      positiveTerms(node.right, out);
      return;
    default:
      // A negated term narrows a match: it never widens what a platform filter must let through.
      return;
  }
}

/**
 * The words a platform-side filter (X's stream rules) must let through so that listening can match the
 * workspace's topics on `platform`: every term that is not negated, and the topics' aliases. Parley's matcher
 * still decides; the filter only has to be wide enough.
 */
export async function streamTermsFor(db: DbOrTx, workspaceId: string, platform: string): Promise<string[]> {
  const topics = await db
    .select()
    .from(listeningTopics)
    .where(and(eq(listeningTopics.workspaceId, workspaceId), eq(listeningTopics.enabled, true)));
  const terms: string[] = [];
  for (const topic of topics) {
    if (topic.sources.length > 0 && !topic.sources.includes(platform)) continue;
    try {
      positiveTerms(parseQuery(topic.query).root, terms);
    } catch {
      // A topic whose query does not parse matches nothing anywhere; it adds nothing here either.
    }
    for (const alias of topic.aliases) terms.push(alias.text);
  }
  return [...new Set(terms)].sort();
}
