import { asc, count, desc, eq, sql } from "drizzle-orm";
import type { BusinessHours } from "../domain/sla/businessHours.ts";
import type { ListeningLanguage, SentimentLabel } from "../listening/listeningTypes.ts";
import {
  type CommunityRules,
  type CompiledRules,
  compileCommunityRules,
  DEFAULT_COMMUNITY_RULES,
} from "../playbook/moderation/communityRules.ts";
import type { DbOrTx } from "../store/database.ts";
import {
  automationRules,
  categories,
  classifierExamples,
  routingRules,
  sentimentCorrections,
  slaPolicies,
  teams,
  triageSettings,
} from "../store/schema.ts";
import type { AutomationRule } from "./automation/ruleSchema.ts";
import { parseStoredRule } from "./automation/storedRule.ts";
import { CategoryClassifier } from "./classification/categoryClassifier.ts";
import { SentimentLearner } from "./classification/sentimentLearner.ts";
import { CONFIG_TTL_MS, onTriageConfigChange } from "./configVersion.ts";
import {
  DEFAULT_ESCALATION_KEYWORDS,
  DEFAULT_PRIORITY_SETTINGS,
  type PrioritySettings,
} from "./routing/priority.ts";
import type { RoutingRule } from "./routing/routingRules.ts";
import type { StoredSlaPolicy } from "./slaPolicyChoice.ts";

/** How many of the agents' latest corrections the classifier learns from. */
const MAX_EXAMPLES = 5_000;

export interface TeamSettings {
  id: string;
  name: string;
  businessHours: BusinessHours;
  assignmentStrategy: "round_robin" | "least_loaded" | "manual";
}

export interface BotConfig {
  enabled: boolean;
  minConfidence: number;
  answerPublic: boolean;
  reviewRate: number;
}

/**
 * The bot as a workspace's settings row has it, with the defaults it runs on until the row says otherwise;
 * the settings editor shows the same values, so what it displays is what the bot does.
 */
export function botConfigOf(settings: typeof triageSettings.$inferSelect | undefined): BotConfig {
  return {
    enabled: settings?.botEnabled ?? true,
    minConfidence: settings?.botMinConfidence ?? 0.75,
    answerPublic: settings?.botAnswerPublic ?? false,
    reviewRate: settings?.botReviewRate ?? 0.2,
  };
}

/** Everything triage needs about a workspace, read once per TTL instead of once per event. */
export interface TriageConfig {
  workspaceId: string;
  categoriesByKey: Map<string, { id: string; key: string; name: string }>;
  classifier: CategoryClassifier;
  /** What the workspace's agents taught about moods; adapts the sentiment provider's judgement. */
  sentimentLearner: SentimentLearner;
  routingRules: RoutingRule[];
  automationRules: AutomationRule[];
  policies: StoredSlaPolicy[];
  teams: Map<string, TeamSettings>;
  priority: PrioritySettings;
  bot: BotConfig;
  communityRules: CommunityRules;
  community: CompiledRules;
  alertWebhookUrl: string | null;
  alertEmails: string[];
  brandName: string;
}

interface Entry {
  config: Promise<TriageConfig>;
  loadedAt: number;
}

export class TriageConfigs {
  private readonly cache = new Map<string, Entry>();
  /**
   * The costly parts (the classifier trained on thousands of corrections, the compiled community rules) are
   * kept across reloads and rebuilt only when their inputs change: the TTL refreshes rules every couple of
   * seconds, and retraining on every refresh would be most of a busy worker's work.
   */
  private readonly built = new BuiltParts();
  private readonly unsubscribe: () => void;

  constructor() {
    this.unsubscribe = onTriageConfigChange((workspaceId) => this.cache.delete(workspaceId));
  }

  forWorkspace(db: DbOrTx, workspaceId: string, now = Date.now()): Promise<TriageConfig> {
    const entry = this.cache.get(workspaceId);
    if (entry && now - entry.loadedAt < CONFIG_TTL_MS) return entry.config;
    const config = loadTriageConfig(db, workspaceId, this.built);
    const fresh = { config, loadedAt: now };
    this.cache.set(workspaceId, fresh);
    config.catch(() => {
      if (this.cache.get(workspaceId) === fresh) this.cache.delete(workspaceId);
    });
    return config;
  }

  close(): void {
    this.unsubscribe();
  }
}

/** One built value per workspace and kind, with the signature of the inputs it was built from. */
class BuiltParts {
  private readonly parts = new Map<string, { signature: string; value: unknown }>();

  async reuse<T>(key: string, signature: string, build: () => T | Promise<T>): Promise<T> {
    const kept = this.parts.get(key);
    if (kept?.signature === signature) return kept.value as T;
    const value = await build();
    this.parts.set(key, { signature, value });
    return value;
  }
}

async function loadTriageConfig(db: DbOrTx, workspaceId: string, built: BuiltParts): Promise<TriageConfig> {
  const [categoryRows, examplesState, routingRows, ruleRows, policyRows, teamRows, settingsRows] =
    await Promise.all([
      db
        .select()
        .from(categories)
        .where(eq(categories.workspaceId, workspaceId))
        .orderBy(asc(categories.position)),
      // Corrections are only ever added (or go with their workspace): the newest id and the count say
      // whether the training set changed.
      db
        .select({ last: sql<string>`coalesce(max(${classifierExamples.id}), 0)::text`, count: count() })
        .from(classifierExamples)
        .where(eq(classifierExamples.workspaceId, workspaceId)),
      db
        .select()
        .from(routingRules)
        .where(eq(routingRules.workspaceId, workspaceId))
        .orderBy(asc(routingRules.position), asc(routingRules.createdAt)),
      db
        .select()
        .from(automationRules)
        .where(eq(automationRules.workspaceId, workspaceId))
        .orderBy(asc(automationRules.position), asc(automationRules.createdAt)),
      db.select().from(slaPolicies).where(eq(slaPolicies.workspaceId, workspaceId)),
      db.select().from(teams).where(eq(teams.workspaceId, workspaceId)),
      db.select().from(triageSettings).where(eq(triageSettings.workspaceId, workspaceId)),
    ]);
  const settings = settingsRows[0];
  const definitions = categoryRows.map((row) => ({ key: row.key, keywords: row.keywords }));
  const state = examplesState[0];
  const classifier = await built.reuse(
    `${workspaceId}:classifier`,
    `${state?.last}:${state?.count}:${JSON.stringify(definitions)}`,
    async () => {
      const exampleRows = await db
        .select()
        .from(classifierExamples)
        .where(eq(classifierExamples.workspaceId, workspaceId))
        .orderBy(desc(classifierExamples.id))
        .limit(MAX_EXAMPLES);
      return new CategoryClassifier(
        definitions,
        exampleRows.map((row) => ({
          text: row.text,
          categoryKey: row.categoryKey,
          language: (row.language as "ru" | "pl" | "lv" | "en" | null) ?? undefined,
        })),
      );
    },
  );
  const sentimentLearner = await loadSentimentLearner(db, workspaceId, built);
  const communityRules = {
    ...DEFAULT_COMMUNITY_RULES,
    ...((settings?.communityRules as Partial<CommunityRules> | null) ?? {}),
  };
  const community = await built.reuse(`${workspaceId}:community`, JSON.stringify(communityRules), () =>
    compileCommunityRules(communityRules),
  );
  return {
    workspaceId,
    categoriesByKey: new Map(
      categoryRows.map((row) => [row.key, { id: row.id, key: row.key, name: row.name }]),
    ),
    classifier,
    sentimentLearner,
    routingRules: routingRows.map((row) => ({
      id: row.id,
      name: row.name,
      teamId: row.teamId,
      enabled: row.enabled,
      conditions: row.conditions as RoutingRule["conditions"],
    })),
    // A rule stored before a vocabulary change and no longer valid is skipped, not allowed to break triage.
    automationRules: ruleRows.flatMap((row) => parseStoredRule(row) ?? []),
    policies: policyRows.map((row) => ({ ...row, escalation: row.escalation })),
    teams: new Map(
      teamRows.map((row) => [
        row.id,
        {
          id: row.id,
          name: row.name,
          businessHours: row.businessHours as unknown as BusinessHours,
          assignmentStrategy: row.assignmentStrategy,
        },
      ]),
    ),
    priority: {
      escalationKeywords: settings?.escalationKeywords ?? DEFAULT_ESCALATION_KEYWORDS,
      highReach: settings?.highReach ?? DEFAULT_PRIORITY_SETTINGS.highReach,
    },
    bot: botConfigOf(settings),
    communityRules,
    community,
    alertWebhookUrl: settings?.alertWebhookUrl ?? null,
    alertEmails: settings?.alertEmails ?? [],
    brandName: settings?.brandName ?? "",
  };
}

/**
 * Retrained only when the corrections change: like category corrections they are only ever added, so the
 * newest id and the count say whether they did. Trained on each message's latest correction: an agent who
 * changes their mind overrides themselves.
 */
async function loadSentimentLearner(
  db: DbOrTx,
  workspaceId: string,
  built: BuiltParts,
): Promise<SentimentLearner> {
  const [state] = await db
    .select({ last: sql<string>`coalesce(max(${sentimentCorrections.id}), 0)::text`, count: count() })
    .from(sentimentCorrections)
    .where(eq(sentimentCorrections.workspaceId, workspaceId));
  return built.reuse(`${workspaceId}:sentiment`, `${state?.last}:${state?.count}`, async () => {
    const rows = (await db.execute(sql`
      SELECT text, language, corrected_label FROM (
        SELECT DISTINCT ON (message_id) id, text, language, corrected_label FROM sentiment_corrections
        WHERE workspace_id = ${workspaceId} ORDER BY message_id, id DESC) latest
      ORDER BY id DESC LIMIT ${MAX_EXAMPLES}`)) as unknown as {
      rows: { text: string; language: string | null; corrected_label: SentimentLabel }[];
    };
    return new SentimentLearner(
      rows.rows.map((row) => ({
        text: row.text,
        label: row.corrected_label,
        language: (row.language as ListeningLanguage | null) ?? null,
      })),
    );
  });
}
