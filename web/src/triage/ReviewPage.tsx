import type { ReactNode } from "react";
import { api, type Me } from "../api.ts";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { TabBar } from "../components/TabBar.tsx";
import { useRecordList } from "../components/useRecordList.ts";
import { useLocaleFormat } from "../localeFormat.ts";
import { useSearchValue } from "../routing/useSearchValue.ts";
import { DisagreementPanel } from "../sentiment/DisagreementPanel.tsx";
import { useSentimentT } from "../sentiment/sentimentI18n.ts";
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

type Decision = "hide" | "keep" | "restore";

const TABS = ["bot", "moderation", "sentiment"] as const;
const VERDICTS = ["right", "wrong"] as const;
const NO_TOTALS = { answered: 0, reviewed: 0, right: 0 };

/** What triage hands to people: a sample of the bot's answers to judge, and comments community rules caught. */
export function ReviewPage({ me, onOpenConversation }: { me: Me; onOpenConversation: (id: string) => void }) {
  const t = useTriageT();
  const st = useSentimentT();
  const [tab, setTab] = useSearchValue<(typeof TABS)[number]>("tab", "bot", TABS);
  const labels = { bot: t("botAnswers"), moderation: t("moderationQueue"), sentiment: st("sentimentTab") };
  return (
    <main className="page review">
      <TabBar
        tabs={TABS}
        active={tab}
        onChange={setTab}
        labelOf={(name) => labels[name]}
        testIdPrefix="review-tab"
      />
      {tab === "bot" && <BotAnswers onOpenConversation={onOpenConversation} />}
      {tab === "moderation" && <ModerationCases me={me} onOpenConversation={onOpenConversation} />}
      {tab === "sentiment" && <DisagreementPanel />}
    </main>
  );
}

/** One thing to review: what it is, the buttons that settle it, and a way into its conversation. */
function ReviewItem({
  "data-testid": testId,
  meta,
  actions,
  conversationId,
  onOpenConversation,
  children,
}: {
  "data-testid": string;
  meta: ReactNode;
  actions: ReactNode;
  conversationId: string;
  onOpenConversation: (id: string) => void;
  children: ReactNode;
}) {
  const t = useTriageT();
  return (
    <article className="review-item" data-testid={testId}>
      <div className="muted small">{meta}</div>
      {children}
      <div className="row">
        {actions}
        <button type="button" onClick={() => onOpenConversation(conversationId)}>
          {t("openConversation")}
        </button>
      </div>
    </article>
  );
}

function BotAnswers({ onOpenConversation }: { onOpenConversation: (id: string) => void }) {
  const t = useTriageT();
  const format = useLocaleFormat();
  const list = useRecordList<BotAnswer, { items: BotAnswer[]; totals: typeof NO_TOTALS }>("/api/bot-answers");
  const totals = list.answer?.totals ?? NO_TOTALS;
  const judge = (id: string, verdict: (typeof VERDICTS)[number]) =>
    list.act(() => api("POST", `/api/bot-answers/${id}/verdict`, { verdict }));
  return (
    <section>
      <p className="muted">
        {totals.answered} · {t("reviewedShare")} {totals.reviewed} ·{" "}
        {totals.reviewed > 0
          ? `${Math.round((totals.right / totals.reviewed) * 100)}% ${t("rightShare")}`
          : "—"}
      </p>
      {list.items.length === 0 && <p className="muted">{t("nothingToReview")}</p>}
      {list.items.map((item) => (
        <ReviewItem
          key={item.id}
          data-testid="bot-answer"
          meta={
            <>
              {format.timeAgo(item.createdAt)} · {t("confidence")}{" "}
              {new Intl.NumberFormat(format.tag, { style: "percent" }).format(item.confidence)}
              {item.article?.title ? ` · ${item.article.title}` : ""}
            </>
          }
          actions={VERDICTS.map((verdict) => (
            <button
              key={verdict}
              type="button"
              className={item.verdict === verdict ? "primary" : ""}
              onClick={() => judge(item.id, verdict)}
            >
              {t(verdict)}
            </button>
          ))}
          conversationId={item.conversationId}
          onOpenConversation={onOpenConversation}
        >
          <p>
            <strong>{t("question")}:</strong> {item.question}
          </p>
          <p>
            <strong>{t("answer")}:</strong> {item.answer}
          </p>
        </ReviewItem>
      ))}
    </section>
  );
}

/** The decisions a case still allows; restoring a hidden comment is for supervisors and admins. */
function decisionsFor(item: ModerationCase, me: Me): Decision[] {
  const decisions: Decision[] = [];
  if (item.status !== "hidden") decisions.push("hide");
  if (item.status === "pending") decisions.push("keep");
  if (item.status === "hidden" && me.user.role !== "agent") decisions.push("restore");
  return decisions;
}

function ModerationCases({ me, onOpenConversation }: { me: Me; onOpenConversation: (id: string) => void }) {
  const t = useTriageT();
  const format = useLocaleFormat();
  const list = useRecordList<ModerationCase>("/api/moderation/cases");
  const decide = (id: number, decision: Decision) =>
    list.act(() => api("POST", `/api/moderation/cases/${id}/decision`, { decision }));
  return (
    <section>
      <ErrorMessage error={list.actionError} />
      {list.items.length === 0 && <p className="muted">{t("nothingToReview")}</p>}
      {list.items.map((item) => (
        <ReviewItem
          key={item.id}
          data-testid="moderation-case"
          meta={
            <>
              {format.timeAgo(item.createdAt)} · {t(`status_${item.status}`)}
              {item.hiddenOnPlatform ? ` · ${t("hiddenOnPlatform")}` : ""}
            </>
          }
          actions={decisionsFor(item, me).map((decision) => (
            <button key={decision} type="button" onClick={() => decide(item.id, decision)}>
              {t(decision)}
            </button>
          ))}
          conversationId={item.conversationId}
          onOpenConversation={onOpenConversation}
        >
          <p className="quote">{item.text}</p>
          <p className="muted">{item.summary}</p>
        </ReviewItem>
      ))}
    </section>
  );
}
