import { useContext, useEffect, useState } from "react";
import { api, type ConversationSummary, type Priority } from "../api.ts";
import { errorText } from "../components/errorText.ts";
import { LocaleContext } from "../hooks.ts";
import { SlaCountdown } from "./SlaCountdown.tsx";
import { isTriageKey, useTriageT } from "./triageI18n.ts";

interface Category {
  id: string;
  key: string;
  name: string;
  names: Record<string, string>;
}

const PRIORITIES: Priority[] = ["low", "normal", "high", "urgent"];

/** Category, priority, labels, team queue and the SLA countdown of one conversation, editable in place. */
export function TriageBar({
  conversation,
  onChanged,
}: {
  conversation: ConversationSummary;
  onChanged: (conversation: ConversationSummary) => void;
}) {
  const t = useTriageT();
  const locale = useContext(LocaleContext);
  const [categories, setCategories] = useState<Category[]>([]);
  const [label, setLabel] = useState("");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ items: Category[] }>("GET", "/api/categories").then(
      (answer) => setCategories(answer.items),
      () => undefined,
    );
  }, []);

  async function post(path: string, body: unknown, method = "POST") {
    try {
      const answer = await api<{ conversation: ConversationSummary }>(
        method,
        `/api/conversations/${conversation.id}/${path}`,
        body,
      );
      onChanged(answer.conversation);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }

  const nameOf = (category: { name: string; names: Record<string, string> }) =>
    category.names[locale] ?? category.name;
  const reasons = conversation.priorityReasons
    .map((reason) =>
      isTriageKey(`reason_${reason.kind}`) ? t(`reason_${reason.kind}` as "reason_high_reach") : reason.kind,
    )
    .join(", ");
  const source = conversation.category?.source;

  return (
    <div className="triage-bar" data-testid="triage-bar">
      <SlaCountdown clocks={conversation.sla} />
      <label>
        {t("category")}{" "}
        <select
          data-testid="category-select"
          value={conversation.category?.id ?? ""}
          onChange={(e) => post("category", { categoryId: e.target.value || null })}
        >
          <option value="">{t("noCategory")}</option>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {nameOf(category)}
            </option>
          ))}
        </select>
        {source && source !== "agent" && (
          <span className="muted small">
            {" "}
            {t(`bySource_${source}`)}
            {conversation.category?.confidence != null &&
              ` ${Math.round(conversation.category.confidence * 100)}%`}
          </span>
        )}
      </label>
      <label title={reasons}>
        {t("priority")}{" "}
        <select
          data-testid="priority-select"
          className={`priority-${conversation.priority}`}
          value={conversation.priority}
          onChange={(e) => post("priority", { priority: e.target.value })}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority_${p}`)}
            </option>
          ))}
        </select>
        {reasons && <span className="muted small"> {reasons}</span>}
      </label>
      {conversation.team && (
        <span className="muted">
          {t("team")}: {conversation.team.name}
        </span>
      )}
      {conversation.queuedAt && !conversation.assignee && (
        <span className="queued" data-testid="queued-badge">
          {t("queued")}
        </span>
      )}
      <span className="labels">
        {conversation.labels.map((l) => (
          <button
            key={l}
            type="button"
            className="label-chip"
            title="×"
            onClick={() => post("labels", { labels: conversation.labels.filter((x) => x !== l) }, "PUT")}
          >
            {l} ×
          </button>
        ))}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!label.trim()) return;
            void post("labels", { labels: [...conversation.labels, label.trim()] }, "PUT");
            setLabel("");
          }}
        >
          <input
            value={label}
            placeholder={t("addLabel")}
            aria-label={t("addLabel")}
            onChange={(e) => setLabel(e.target.value)}
            size={12}
          />
        </form>
      </span>
      {error && <span className="error">{error}</span>}
    </div>
  );
}
