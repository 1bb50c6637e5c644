import { useCallback, useEffect, useState } from "react";
import { api } from "../api.ts";
import { useLiveEvents, useT } from "../hooks.ts";
import { useLocaleFormat } from "../localeFormat.ts";
import { HighlightedText } from "./HighlightedText.tsx";
import type { Mention, Topic } from "./listeningApi.ts";

export interface MentionFilter {
  topicId: string;
  sentiment: string;
  language: string;
  source: string;
  minReach: string;
  alertId?: string | undefined;
}

export function MentionsFeed({
  topics,
  onOpenConversation,
  fixedFilter,
}: {
  topics: Topic[];
  onOpenConversation: (id: string) => void;
  fixedFilter?: Partial<MentionFilter> | undefined;
}) {
  const t = useT();
  const format = useLocaleFormat();
  const [filter, setFilter] = useState<MentionFilter>({
    topicId: "",
    sentiment: "",
    language: "",
    source: "",
    minReach: "",
  });
  const [items, setItems] = useState<Mention[]>([]);
  const load = useCallback(async () => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...filter, ...fixedFilter }))
      if (value) params.set(key, String(value));
    const page = await api<{ items: Mention[] }>("GET", `/api/listening/mentions?${params}`);
    setItems(page.items);
  }, [filter, fixedFilter]);
  useEffect(() => {
    void load().catch(() => undefined);
  }, [load]);
  useLiveEvents((events) => {
    if (events.length === 0 || events.some((e) => e.type === "mention.created"))
      void load().catch(() => undefined);
  });
  const set = (key: keyof MentionFilter) => (e: { target: { value: string } }) =>
    setFilter({ ...filter, [key]: e.target.value });

  return (
    <section className="mentions" data-testid="mentions-feed">
      {!fixedFilter && (
        <div className="filters">
          <select
            aria-label={t("topics")}
            value={filter.topicId}
            onChange={set("topicId")}
            data-testid="mention-topic-filter"
          >
            <option value="">{t("allTopics")}</option>
            {topics.map((topic) => (
              <option key={topic.id} value={topic.id}>
                {topic.name}
              </option>
            ))}
          </select>
          <select
            aria-label={t("sentiment")}
            value={filter.sentiment}
            onChange={set("sentiment")}
            data-testid="mention-sentiment-filter"
          >
            <option value="">{t("allSentiments")}</option>
            {(["negative", "neutral", "positive"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`sentiment_${s}`)}
              </option>
            ))}
          </select>
          <select aria-label={t("language")} value={filter.language} onChange={set("language")}>
            <option value="">{t("allLanguages")}</option>
            {["ru", "pl", "lv", "en", "other"].map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
          <input
            aria-label={t("source")}
            placeholder={t("source")}
            value={filter.source}
            onChange={set("source")}
          />
          <input
            aria-label={t("minReach")}
            placeholder={t("minReach")}
            inputMode="numeric"
            value={filter.minReach}
            onChange={set("minReach")}
          />
        </div>
      )}
      {items.length === 0 && <p className="muted">{t("none")}</p>}
      <ul>
        {items.map((m) => (
          <li
            key={m.id}
            className={`mention ${m.sentiment}`}
            data-testid="mention"
            data-sentiment={m.sentiment}
          >
            <div className="meta">
              <span className={`topic-chip ${m.topic.kind}`}>{m.topic.name}</span>
              <span className={`sentiment ${m.sentiment}`}>{t(`sentiment_${m.sentiment}`)}</span>
              <span className="muted">
                {m.source} · {m.language} · {m.author ?? ""}
                {m.reach !== null ? ` · ${t("reachValue", { reach: m.reach })}` : ""}
              </span>
              <span className="muted" title={m.decisionReason}>
                {t(`decision_${m.decision}`)}
              </span>
              <time dateTime={m.occurredAt}>{format.dateTime(m.occurredAt)}</time>
              <button type="button" className="link" onClick={() => onOpenConversation(m.conversationId)}>
                {t("openConversation")}
              </button>
            </div>
            <HighlightedText text={m.text} hits={m.hits} />
          </li>
        ))}
      </ul>
    </section>
  );
}
