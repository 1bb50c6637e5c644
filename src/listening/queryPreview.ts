import { sql } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";
import { detectLanguage } from "./language/detectLanguage.ts";
import type { ListeningLanguage } from "./listeningTypes.ts";
import { compileQueries } from "./queryCompiler.ts";
import { parseQuery } from "./queryParser.ts";
import { aliasTerm } from "./topicAliases.ts";
import { generateVariants } from "./variants/index.ts";

/** How far back the preview looks, and how many hits it shows. */
const RECENT_MESSAGES = 1000;
const MAX_SHOWN = 50;

export interface PreviewInput {
  query: string;
  languages?: ListeningLanguage[] | undefined;
  sources?: string[] | undefined;
  extraVariants?: Record<string, string[]> | undefined;
  excludedVariants?: string[] | undefined;
  aliases?: { text: string; kind: string }[] | undefined;
}

/**
 * What a draft query would do, before it is saved: every term with the variants Parley will search for it,
 * and the recent messages it finds, with the spans that matched. Throws QuerySyntaxError for a broken query.
 */
export async function previewQuery(db: DbOrTx, workspaceId: string, input: PreviewInput) {
  const parsed = parseQuery(input.query);
  const aliases = (input.aliases ?? []).map((alias) => alias.text);
  const aliasTerms = aliases.map(aliasTerm).filter((term) => term !== null);
  const seen = new Set<string>();
  const terms = [...parsed.terms, ...aliasTerms]
    .filter((term) => !seen.has(term.term) && seen.add(term.term))
    .map((term) => ({
      term: term.term,
      exact: term.exact,
      alias: term.position < 0,
      variants: generateVariants(term.term, { exact: term.exact }).map((v) => ({
        text: v.text,
        kind: v.kind,
      })),
    }));
  const matcher = compileQueries(
    [
      {
        id: "preview",
        topicId: "preview",
        query: input.query,
        languages: input.languages,
        sources: input.sources,
        extraVariants: input.extraVariants,
        excludedVariants: input.excludedVariants,
        aliases,
      },
    ],
    (term, options) => generateVariants(term, options),
  );
  const recent = (await db.execute(sql`
    SELECT m.id, m.conversation_id, m.text, ch.platform FROM messages m JOIN channels ch ON ch.id = m.channel_id
    WHERE m.workspace_id = ${workspaceId} AND m.direction = 'in' AND m.text <> ''
    ORDER BY m.created_at DESC LIMIT ${RECENT_MESSAGES}`)) as unknown as {
    rows: { id: string; conversation_id: string; text: string; platform: string }[];
  };
  const matches = [];
  for (const row of recent.rows) {
    const language = detectLanguage(row.text).language;
    const [found] = matcher.match({ text: row.text, language, source: row.platform });
    if (!found) continue;
    matches.push({
      messageId: row.id,
      conversationId: row.conversation_id,
      text: row.text,
      hits: found.hits,
      language,
    });
    if (matches.length >= MAX_SHOWN) break;
  }
  return { terms, matches, scanned: recent.rows.length };
}
