import { useCallback, useEffect, useState } from "react";
import { api, type Me } from "../api.ts";
import { relativeTime } from "../format.ts";
import { useTriageT } from "./triageI18n.ts";

interface BotAnswer {
  id: string;
  conversationId: string;
  question: string;
  answer: string | null;
  article: { id: string; title: string | null } | null;
  confidence: number;
  verdict: "right" | "wrong" | null;
  createdAt: string;
}

interface ModerationCase {
  id: number;
  conversationId: string;
  text: string;
  hiddenOnPlatform: boolean;
  action: "hide" | "review";
  status: "pending" | "hidden" | "kept" | "restored";
  summary: string;
  createdAt: string;
}

type Tab = "bot" | "moderation";

/** What triage hands to people: a sample of the bot's answers to judge, and comments community rules caught. */
export function ReviewPage({ me, onOpenConversation }: { me: Me; onOpenConversation: (id: string) => void }) {
  const t = useTriageT();
  const [tab, setTab] = useState<Tab>("bot");
  return (
    <main className="page review">
      <nav className="tabs">
        {(["bot", "moderation"] as const).map((name) => (
          <button
            key={name}
            type="button"
            className={tab === name ? "active" : ""}
            data-testid={`review-tab-${name}`}
            onClick={() => setTab(name)}
          >
            {name === "bot" ? t("botAnswers") : t("moderationQueue")}
          </button>
        ))}
      </nav>
      {tab === "bot" ? (
        <BotAnswers onOpenConversation={onOpenConversation} />
      ) : (
        <ModerationCases me={me} onOpenConversation={onOpenConversation} />
      )}
    </main>
  );
}

function BotAnswers({ onOpenConversation }: { onOpenConversation: (id: string) => void }) {
  const t = useTriageT();
  const [items, setItems] = useState<BotAnswer[]>([]);
  const [totals, setTotals] = useState({ answered: 0, reviewed: 0, right: 0 });
  const load = useCallback(
    () =>
      api<{ items: BotAnswer[]; totals: typeof totals }>("GET", "/api/bot-answers").then(
        (answer) => {
          setItems(answer.items);
          setTotals(answer.totals);
        },
        () => undefined,
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const judge = async (id: string, verdict: "right" | "wrong") => {
    await api("POST", `/api/bot-answers/${id}/verdict`, { verdict });
    await load();
  };
  return (
    <section>
      <p className="muted">
        {totals.answered} · {t("reviewedShare")} {totals.reviewed} ·{" "}
        {totals.reviewed > 0
          ? `${Math.round((totals.right / totals.reviewed) * 100)}% ${t("rightShare")}`
          : "—"}
      </p>
      {items.length === 0 && <p className="muted">{t("nothingToReview")}</p>}
      {items.map((item) => (
        <article key={item.id} className="review-item" data-testid="bot-answer">
          <div className="muted small">
            {relativeTime(item.createdAt)} · {t("confidence")} {Math.round(item.confidence * 100)}%
            {item.article?.title ? ` · ${item.article.title}` : ""}
          </div>
          <p>
            <strong>{t("question")}:</strong> {item.question}
          </p>
          <p>
            <strong>{t("answer")}:</strong> {item.answer}
          </p>
          <div className="row">
            <button
              type="button"
              className={item.verdict === "right" ? "primary" : ""}
              onClick={() => judge(item.id, "right")}
            >
              {t("right")}
            </button>
            <button
              type="button"
              className={item.verdict === "wrong" ? "primary" : ""}
              onClick={() => judge(item.id, "wrong")}
            >
              {t("wrong")}
            </button>
            <button type="button" onClick={() => onOpenConversation(item.conversationId)}>
              {t("openConversation")}
            </button>
          </div>
        </article>
      ))}
    </section>
  );
}

function ModerationCases({ me, onOpenConversation }: { me: Me; onOpenConversation: (id: string) => void }) {
  const t = useTriageT();
  const [items, setItems] = useState<ModerationCase[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      api<{ items: ModerationCase[] }>("GET", "/api/moderation/cases").then(
        (answer) => setItems(answer.items),
        () => undefined,
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const decide = async (id: number, decision: "hide" | "keep" | "restore") => {
    try {
      await api("POST", `/api/moderation/cases/${id}/decision`, { decision });
      setError(null);
    } catch (err) {
      setError(String(err instanceof Error ? err.message : err));
    }
    await load();
  };
  return (
    <section>
      {error && <p className="error">{error}</p>}
      {items.length === 0 && <p className="muted">{t("nothingToReview")}</p>}
      {items.map((item) => (
        <article key={item.id} className="review-item" data-testid="moderation-case">
          <div className="muted small">
            {relativeTime(item.createdAt)} · {t(`status_${item.status}`)}
            {item.hiddenOnPlatform ? ` · ${t("hiddenOnPlatform")}` : ""}
          </div>
          <p className="quote">{item.text}</p>
          <p className="muted">{item.summary}</p>
          <div className="row">
            {(item.status === "pending" || item.status === "kept" || item.status === "restored") && (
              <button type="button" onClick={() => decide(item.id, "hide")}>
                {t("hide")}
              </button>
            )}
            {item.status === "pending" && (
              <button type="button" onClick={() => decide(item.id, "keep")}>
                {t("keep")}
              </button>
            )}
            {item.status === "hidden" && me.user.role !== "agent" && (
              <button type="button" onClick={() => decide(item.id, "restore")}>
                {t("restore")}
              </button>
            )}
            <button type="button" onClick={() => onOpenConversation(item.conversationId)}>
              {t("openConversation")}
            </button>
          </div>
        </article>
      ))}
    </section>
  );
}
