import { sql } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";
import { listeningTopics } from "../store/schema.ts";
import { detectLanguage } from "./language/detectLanguage.ts";
import type { ListeningLanguage, QueryMatch, SentimentResult, TopicQuery } from "./listeningTypes.ts";
import { type Token, tokenize } from "./normalize.ts";
import { compileQueries } from "./queryCompiler.ts";
import { analyzeSentiment } from "./sentiment/analyzeSentiment.ts";
import { generateVariants } from "./variants/index.ts";

export interface MentionAnalysis {
  language: ListeningLanguage | "other";
  sentiment: SentimentResult;
  matches: QueryMatch[];
  tokens: Token[];
}

export interface TopicAnalyzer {
  analyze(text: string, source: string): MentionAnalysis;
}

type TopicRow = typeof listeningTopics.$inferSelect;

export function topicQueryOf(row: TopicRow): TopicQuery {
  return {
    id: row.id,
    topicId: row.id,
    query: row.query,
    languages: row.languages as ListeningLanguage[],
    sources: row.sources,
    extraVariants: row.extraVariants,
    excludedVariants: row.excludedVariants,
    aliases: row.aliases.map((alias) => alias.text),
  };
}

/** Compiles a workspace's enabled topics into one matcher; texts are judged for language and sentiment once. */
export function buildTopicAnalyzer(topics: TopicQuery[]): TopicAnalyzer {
  const matcher = compileQueries(topics, (term, options) => generateVariants(term, options));
  return {
    analyze(text, source) {
      // One tokenization serves the language detector and the matcher.
      const tokens = tokenize(text);
      const language = detectLanguage(text, tokens).language;
      const matches = matcher.matchTokens(tokens, { text, language, source });
      return {
        language,
        matches,
        // Sentiment is only worth its cost when something matched.
        sentiment:
          matches.length > 0
            ? analyzeSentiment(text, language === "other" ? "en" : language)
            : { label: "neutral", score: 0 },
        tokens,
      };
    },
  };
}

/**
 * One compiled analyzer per workspace, rebuilt when its topics change. The signature (count and latest
 * change) is read on each use, so every worker process picks up an edit without messages between them.
 */
export class TopicAnalyzers {
  private cache = new Map<string, { signature: string; analyzer: TopicAnalyzer | null }>();

  async forWorkspace(db: DbOrTx, workspaceId: string): Promise<TopicAnalyzer | null> {
    const [state] = (
      (await db.execute(sql`
        SELECT count(*)::int AS n, coalesce(max(updated_at), 'epoch')::text AS changed FROM listening_topics
        WHERE workspace_id = ${workspaceId}`)) as unknown as { rows: { n: number; changed: string }[] }
    ).rows;
    const signature = `${state?.n}:${state?.changed}`;
    const cached = this.cache.get(workspaceId);
    if (cached?.signature === signature) return cached.analyzer;
    const rows = await db
      .select()
      .from(listeningTopics)
      .where(sql`${listeningTopics.workspaceId} = ${workspaceId} AND ${listeningTopics.enabled}`);
    const analyzer = rows.length > 0 ? buildTopicAnalyzer(rows.map(topicQueryOf)) : null;
    this.cache.set(workspaceId, { signature, analyzer });
    return analyzer;
  }
}
