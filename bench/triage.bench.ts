/**
 * Triage cost per event: what the triage worker computes for each customer message before it touches the
 * database (language and tone, category, priority, routing, automation rules, community rules), and what
 * the composer computes on each typing pause (personal data, plain language, suggestions). Runs over the
 * 427 hand-labelled messages of eval/listening in ru/pl/lv/en and prints one JSON object with the median
 * and p99 cost of each step in microseconds.
 * Usage: node bench/triage.bench.ts [rounds=20] [rules=50]
 */
import { readFileSync } from "node:fs";
import { detectLanguage } from "../src/listening/language/detectLanguage.ts";
import type { ListeningLanguage } from "../src/listening/listeningTypes.ts";
import { analyzeSentiment } from "../src/listening/sentiment/analyzeSentiment.ts";
import { findPersonalData } from "../src/playbook/checks/personalData.ts";
import { checkPlainLanguage } from "../src/playbook/checks/plainLanguage.ts";
import { KnowledgeIndex } from "../src/playbook/knowledge/knowledgeIndex.ts";
import { suggestReplies } from "../src/playbook/knowledge/replySuggestions.ts";
import {
  compileCommunityRules,
  DEFAULT_COMMUNITY_RULES,
  judgeComment,
} from "../src/playbook/moderation/communityRules.ts";
import { matchingRules, type RuleFacts } from "../src/triage/automation/ruleEvaluator.ts";
import { AutomationRule } from "../src/triage/automation/ruleSchema.ts";
import { CategoryClassifier } from "../src/triage/classification/categoryClassifier.ts";
import { SEED_CATEGORIES } from "../src/triage/classification/seedCategories.ts";
import { DEFAULT_PRIORITY_SETTINGS, priorityOf } from "../src/triage/routing/priority.ts";
import { type RoutingRule, routeConversation } from "../src/triage/routing/routingRules.ts";

const ROUNDS = Number(process.argv[2] ?? 20);
const RULES = Number(process.argv[3] ?? 50);

const corpus = readFileSync(new URL("../eval/listening/mentions.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { text: string; language: string });

const classifier = new CategoryClassifier(SEED_CATEGORIES.map((c) => ({ key: c.key, keywords: c.keywords })));
const categories = SEED_CATEGORIES.map((c) => c.key);
const routing: RoutingRule[] = Array.from({ length: 20 }, (_, i) => ({
  id: `r${i}`,
  name: `rule ${i}`,
  teamId: `team-${i % 3}`,
  enabled: true,
  conditions:
    i % 4 === 0
      ? { priorities: ["urgent"] }
      : i % 4 === 1
        ? { categories: [categories[i % categories.length]!], languages: ["ru", "pl"] }
        : i % 4 === 2
          ? { platforms: ["vk"], visibility: ["public"] }
          : { categories: [categories[(i + 3) % categories.length]!] },
}));
const automation = Array.from({ length: RULES }, (_, i) =>
  AutomationRule.parse({
    id: `a${i}`,
    name: `automation ${i}`,
    enabled: true,
    event: "message_received",
    match: i % 2 === 0 ? "all" : "any",
    conditions: [
      { field: "text", operator: "contains", value: ["срочно", "pilne", "steidzami", "urgent"][i % 4] },
      { field: "priority", operator: "gte", value: "high" },
      { field: "category", operator: "in", value: [categories[i % categories.length]!] },
    ],
    actions: [{ type: "add_label", label: `label-${i}` }],
  }),
);
const community = compileCommunityRules(DEFAULT_COMMUNITY_RULES);
const { SAMPLE_ARTICLES, SAMPLE_CANNED } = await import(
  "../src/playbook/knowledge/fixtures/sampleKnowledgeBase.ts"
);
// A knowledge base of realistic size: the sample articles repeated with distinct ids and titles.
const documents = Array.from({ length: 10 }, (_, copy) =>
  [...SAMPLE_ARTICLES, ...SAMPLE_CANNED].map((doc) => ({
    ...doc,
    id: `${doc.id}-${copy}`,
    title: `${doc.title} ${copy}`,
  })),
).flat();
const index = new KnowledgeIndex(documents);
const docsById = new Map(documents.map((doc) => [doc.id, { title: doc.title, categoryKey: null }]));

const steps = [
  "language_and_sentiment",
  "classification",
  "priority",
  "routing",
  "automation_rules",
  "community_rules",
  "per_event_total",
  "draft_check",
] as const;
const samples: Record<(typeof steps)[number], number[]> = Object.fromEntries(
  steps.map((s) => [s, []]),
) as never;

function timed<T>(step: (typeof steps)[number], work: () => T): T {
  const start = process.hrtime.bigint();
  const result = work();
  samples[step].push(Number(process.hrtime.bigint() - start) / 1000);
  return result;
}

let matchedRules = 0;
for (let round = 0; round < ROUNDS; round++) {
  for (const item of corpus) {
    const start = process.hrtime.bigint();
    const { language, sentiment } = timed("language_and_sentiment", () => {
      const detected = detectLanguage(item.text);
      const language: ListeningLanguage = detected.language === "other" ? "en" : detected.language;
      return { language, sentiment: analyzeSentiment(item.text, language).label };
    });
    const category = timed("classification", () => classifier.classify(item.text, language));
    const priority = timed("priority", () =>
      priorityOf(
        { text: item.text, language, sentiment, reach: 1200, public: true, repeatAfterUnresolved: false },
        DEFAULT_PRIORITY_SETTINGS,
      ),
    );
    timed("routing", () =>
      routeConversation(routing, {
        categoryKey: category?.categoryKey ?? null,
        channelId: "c1",
        platform: "vk",
        language,
        priority: priority.priority,
        visibility: "public",
      }),
    );
    const facts: RuleFacts = {
      event: "message_received",
      conversation: {
        id: "c",
        category: category?.categoryKey ?? null,
        priority: priority.priority,
        status: "new",
        channelId: "c1",
        platform: "vk",
        visibility: "public",
        language,
        sentiment,
        labels: [],
        teamId: null,
        assigneeId: null,
        reach: 1200,
        insideBusinessHours: true,
      },
      message: { text: item.text },
    };
    matchedRules += timed("automation_rules", () => matchingRules(automation, facts)).length;
    timed("community_rules", () => judgeComment(item.text, DEFAULT_COMMUNITY_RULES, {}, community));
    samples.per_event_total.push(Number(process.hrtime.bigint() - start) / 1000);
    timed("draft_check", () => {
      const draft = `Здравствуйте! ${item.text.slice(0, 80)} Позвоните нам: +371 2612 3456.`;
      findPersonalData(draft);
      checkPlainLanguage(draft, language);
      return suggestReplies(index, docsById, {
        draft,
        customerMessage: item.text,
        language,
        visibility: "public",
        categoryKey: category?.categoryKey ?? null,
      });
    });
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]! * 10) / 10;
}

const medianTotal = percentile(samples.per_event_total, 50);
console.log(
  JSON.stringify(
    {
      benchmark: "triage",
      events: corpus.length * ROUNDS,
      routingRules: routing.length,
      automationRules: automation.length,
      knowledgeDocuments: documents.length,
      microsecondsPerEvent: Object.fromEntries(
        steps.map((step) => [
          step,
          { p50: percentile(samples[step], 50), p99: percentile(samples[step], 99) },
        ]),
      ),
      eventsPerSecondOneCore: Math.round(1_000_000 / medianTotal),
      rulesMatchedPerEvent: Math.round((matchedRules / (corpus.length * ROUNDS)) * 100) / 100,
      heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e5) / 10,
    },
    null,
    2,
  ),
);
