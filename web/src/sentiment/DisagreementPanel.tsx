import { useState } from "react";
import type { Sentiment } from "../api.ts";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { useApiData } from "../components/useApiData.ts";
import { useSentimentT } from "./sentimentI18n.ts";
import "./sentiment.css";

interface Share {
  judged: number;
  disagreed: number;
  rate: number;
}

interface Disagreement extends Share {
  from: string;
  to: string;
  corrections: number;
  byLanguage: (Share & { language: string | null })[];
  byPair: { judged: Sentiment; corrected: Sentiment; count: number }[];
}

const PERIODS = [7, 30, 90] as const;
const DAY_MS = 86_400_000;

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** How often agents disagree with the sentiment model (GET /api/sentiment/disagreement). */
export function DisagreementPanel() {
  const t = useSentimentT();
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  // Rounded to the hour, so the path (and the request) stays the same across renders.
  const [to] = useState(() => new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000));
  const from = new Date(to.getTime() - days * DAY_MS);
  const { data, error } = useApiData<Disagreement>(
    `/api/sentiment/disagreement?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`,
  );
  const mood = (label: Sentiment) => t(`mood_${label}`);
  return (
    <section className="disagreement" data-testid="sentiment-disagreement">
      <p className="muted">{t("disagreementIntro")}</p>
      <label>
        {t("period")}{" "}
        <select value={days} onChange={(e) => setDays(Number(e.target.value) as (typeof PERIODS)[number])}>
          {PERIODS.map((d) => (
            <option key={d} value={d}>
              {t("periodDays", { days: d })}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={error} />
      {!data ? (
        <p className="muted">{t("loading")}</p>
      ) : (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("language")}</th>
                <th scope="col">{t("judged")}</th>
                <th scope="col">{t("corrected")}</th>
                <th scope="col">{t("rate")}</th>
              </tr>
            </thead>
            <tbody>
              {data.byLanguage.map((row) => (
                <tr key={row.language ?? ""}>
                  <td>{row.language ?? t("unknownLanguage")}</td>
                  <td className="number">{row.judged}</td>
                  <td className="number">{row.disagreed}</td>
                  <td className="number">{percent(row.rate)}</td>
                </tr>
              ))}
              <tr data-testid="disagreement-overall">
                <th scope="row">{t("overall")}</th>
                <td className="number">{data.judged}</td>
                <td className="number">{data.disagreed}</td>
                <td className="number">{percent(data.rate)}</td>
              </tr>
            </tbody>
          </table>
          <p className="muted small">{t("clicks", { n: data.corrections })}</p>
          {data.byPair.length === 0 ? (
            <p className="muted">{t("noDisagreement")}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("modelSaid")}</th>
                  <th scope="col">{t("agentsSaid")}</th>
                  <th scope="col">{t("count")}</th>
                </tr>
              </thead>
              <tbody>
                {data.byPair.map((pair) => (
                  <tr key={`${pair.judged}-${pair.corrected}`}>
                    <td>{mood(pair.judged)}</td>
                    <td>{mood(pair.corrected)}</td>
                    <td className="number">{pair.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
