import { useState } from "react";
import { ApiError, api, type Message, type Sentiment } from "../api.ts";
import { useSentimentT } from "./sentimentI18n.ts";
import "./sentiment.css";

const MOODS: readonly Sentiment[] = ["negative", "neutral", "positive"];
const FACES: Record<Sentiment, string> = { negative: "🙁", neutral: "😐", positive: "🙂" };

/**
 * A customer message's mood as three buttons, the standing one pressed: one click corrects it. The server
 * records the correction and tells every open view; this one shows the click at once.
 */
export function SentimentControl({
  conversationId,
  message,
}: {
  conversationId: string;
  message: Message & { sentiment: NonNullable<Message["sentiment"]> };
}) {
  const t = useSentimentT();
  const [shown, setShown] = useState<Sentiment>(message.sentiment.label);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const moodName = (mood: Sentiment) => t(`mood_${mood}`);

  async function choose(mood: Sentiment) {
    if (mood === shown || busy) return;
    const before = shown;
    setShown(mood);
    setBusy(true);
    setError(null);
    try {
      await api("POST", `/api/conversations/${conversationId}/messages/${message.id}/sentiment`, {
        sentiment: mood,
      });
    } catch (err) {
      setShown(before);
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const corrected = message.sentiment.corrected || shown !== message.sentiment.label;
  const note = corrected
    ? t("moodCorrected")
    : message.sentiment.model?.endsWith("+learned")
      ? t("moodLearned")
      : null;
  return (
    <fieldset
      className="mood"
      aria-label={t("moodGroup", { mood: moodName(shown) })}
      data-testid="message-mood"
      data-mood={shown}
    >
      {MOODS.map((mood) => (
        <button
          key={mood}
          type="button"
          className={`mood-button ${mood} ${mood === shown ? "active" : ""}`}
          aria-pressed={mood === shown}
          aria-label={t("markAs", { mood: moodName(mood) })}
          title={t("markTitle", { mood: moodName(mood) })}
          data-testid={`mood-${mood}`}
          disabled={busy}
          onClick={() => void choose(mood)}
        >
          <span aria-hidden="true">{FACES[mood]}</span>
        </button>
      ))}
      {note && <span className="muted small">{note}</span>}
      {error && (
        <span className="error small" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}
