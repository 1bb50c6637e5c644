import { useEffect, useState } from "react";
import { api } from "../api.ts";
import { type SurveysKey, useSurveysT } from "./surveysI18n.ts";
import "./surveys.css";

interface Survey {
  kind: "csat" | "nps";
  status: "scheduled" | "sent" | "answered" | "skipped" | "expired";
  skipReason: string | null;
  score: number | null;
  comment: string | null;
  lowScoreAction: string | null;
}

const REASONS = new Set([
  "public_thread_no_private_chat",
  "outside_reply_window",
  "auto_resolved",
  "reopened_before_sending",
]);

/** The case's latest satisfaction survey: its score and comment, or why none was asked. Comments are text only. */
export function SurveyBadge({
  conversationId,
  version,
}: {
  conversationId: string;
  /** Changes when the survey may have moved: the status, or a new message (the question, an answer). */
  version: string;
}) {
  const t = useSurveysT();
  const [survey, setSurvey] = useState<Survey | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version says when to look again
  useEffect(() => {
    api<{ items: Survey[] }>("GET", `/api/conversations/${conversationId}/surveys`).then(
      (answer) => setSurvey(answer.items[0] ?? null),
      () => setSurvey(null),
    );
  }, [conversationId, version]);
  if (!survey) return null;
  const reason =
    survey.skipReason && REASONS.has(survey.skipReason)
      ? t(`reason_${survey.skipReason}` as SurveysKey)
      : survey.skipReason;
  const text =
    survey.status === "answered"
      ? t("badge_answered", {
          kind: survey.kind.toUpperCase(),
          score: survey.score ?? 0,
          max: survey.kind === "csat" ? 5 : 10,
        })
      : survey.status === "skipped"
        ? t("badge_skipped", { reason: reason ?? "" })
        : t(`badge_${survey.status}` as SurveysKey);
  return (
    <div className={`survey-badge${survey.lowScoreAction ? " low" : ""}`} data-testid="survey-badge">
      <span>{text}</span>
      {survey.comment && <span className="muted"> · {t("badge_comment", { comment: survey.comment })}</span>}
    </div>
  );
}
