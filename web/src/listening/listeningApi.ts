export type TopicKind = "brand" | "product" | "competitor" | "other";
export type Sentiment = "negative" | "neutral" | "positive";

export type TopicAliasKind = "parent" | "product";

export interface TopicAlias {
  text: string;
  kind: TopicAliasKind;
}

export interface Topic {
  id: string;
  name: string;
  kind: TopicKind;
  query: string;
  languages: string[];
  sources: string[];
  extraVariants: Record<string, string[]>;
  excludedVariants: string[];
  aliases: TopicAlias[];
  enabled: boolean;
}

export interface Hit {
  term: string;
  variant: string;
  kind: string;
  start: number;
  end: number;
}

export interface Mention {
  id: number;
  topic: { id: string; name: string; kind: TopicKind };
  conversationId: string;
  text: string;
  author: string | null;
  source: string;
  language: string;
  sentiment: Sentiment;
  sentimentScore: number;
  reach: number | null;
  hits: Hit[];
  subjects: string[];
  decision: "ticket" | "record" | "ignore";
  decisionReason: string;
  occurredAt: string;
}

export interface Preview {
  terms: { term: string; exact: boolean; alias?: boolean; variants: { text: string; kind: string }[] }[];
  matches: { messageId: string; conversationId: string; text: string; hits: Hit[]; language: string }[];
  scanned: number;
}

export interface StatsPoint {
  at: string;
  total: number;
  negative: number;
  neutral: number;
  positive: number;
}

export interface Stats {
  topics: { id: string; name: string; kind: TopicKind; points: StatsPoint[] }[];
}

export interface Alert {
  id: number;
  topic: { id: string; name: string };
  subject: string;
  kind: "volume" | "negativity";
  message: string;
  count: number;
  expected: number;
  windowStart: string;
  windowEnd: string;
  webhook: { status: string; attempts: number; error: string | null };
  createdAt: string;
}

export interface ListeningSettings {
  minReach: number;
  ticketOnNegative: boolean;
  ticketOnQuestion: boolean;
  spikeWindowMinutes: number;
  spikeMinCount: number;
  spikeFactor: number;
  alertWebhookUrl: string | null;
}
