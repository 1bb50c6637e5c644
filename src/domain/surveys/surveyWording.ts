import type { ReplyChoice } from "../replyChoice.ts";
import { surveyChoicePayload } from "./surveyDecision.ts";
import type { SurveyKind } from "./surveyScore.ts";

export type SurveyLanguage = "ru" | "en" | "pl" | "lv";

/** The conversation's language when Parley speaks it, English otherwise. */
export function surveyLanguage(language: string | null | undefined): SurveyLanguage {
  return language === "ru" || language === "pl" || language === "lv" ? language : "en";
}

interface Wording {
  csat: string;
  nps: string;
  commentPrompt: string;
  thanks: string;
  csatLabels: [string, string, string, string, string];
  checkIn: string;
  yes: string;
  no: string;
  checkInYes: string;
  checkInNo: string;
}

// Every question says how to answer in words, for platforms whose buttons cannot hold the whole scale.
const WORDING: Record<SurveyLanguage, Wording> = {
  en: {
    csat: "How would you rate our help? Reply with a number from 1 (very bad) to 5 (excellent).",
    nps: "How likely are you to recommend us to a friend? Reply with a number from 0 (not at all) to 10 (definitely).",
    commentPrompt: "Thank you! If you like, tell us in one message what we could do better.",
    thanks: "Thank you for your answer!",
    csatLabels: ["Very bad", "Bad", "Okay", "Good", "Excellent"],
    checkIn: "Did this help? If anything is still wrong, just answer here.",
    yes: "Yes",
    no: "No",
    checkInYes: "Glad to hear it, thank you!",
    checkInNo: "Sorry to hear that. We have reopened your request; a colleague will write to you shortly.",
  },
  ru: {
    csat: "Как вы оцениваете нашу помощь? Ответьте числом от 1 (очень плохо) до 5 (отлично).",
    nps: "Насколько вероятно, что вы порекомендуете нас другу? Ответьте числом от 0 (точно нет) до 10 (обязательно).",
    commentPrompt: "Спасибо! Если хотите, напишите одним сообщением, что нам стоит улучшить.",
    thanks: "Спасибо за ваш ответ!",
    csatLabels: ["Очень плохо", "Плохо", "Нормально", "Хорошо", "Отлично"],
    checkIn: "Удалось ли решить ваш вопрос? Если что-то не так, просто ответьте здесь.",
    yes: "Да",
    no: "Нет",
    checkInYes: "Рады помочь, спасибо!",
    checkInNo: "Жаль. Мы снова открыли ваше обращение, сотрудник скоро вам напишет.",
  },
  pl: {
    csat: "Jak oceniasz naszą pomoc? Odpowiedz liczbą od 1 (bardzo źle) do 5 (świetnie).",
    nps: "Jak bardzo prawdopodobne jest, że polecisz nas znajomym? Odpowiedz liczbą od 0 (wcale) do 10 (na pewno).",
    commentPrompt: "Dziękujemy! Jeśli chcesz, napisz w jednej wiadomości, co możemy poprawić.",
    thanks: "Dziękujemy za odpowiedź!",
    csatLabels: ["Bardzo źle", "Źle", "Średnio", "Dobrze", "Świetnie"],
    checkIn: "Czy to pomogło? Jeśli coś jest nie tak, po prostu odpisz tutaj.",
    yes: "Tak",
    no: "Nie",
    checkInYes: "Cieszymy się, dziękujemy!",
    checkInNo: "Przykro nam. Ponownie otworzyliśmy zgłoszenie, konsultant wkrótce się odezwie.",
  },
  lv: {
    csat: "Kā jūs novērtētu mūsu palīdzību? Atbildiet ar skaitli no 1 (ļoti slikti) līdz 5 (lieliski).",
    nps: "Cik ticams, ka jūs mūs ieteiktu draugam? Atbildiet ar skaitli no 0 (noteikti nē) līdz 10 (noteikti jā).",
    commentPrompt: "Paldies! Ja vēlaties, vienā ziņā uzrakstiet, ko mēs varam uzlabot.",
    thanks: "Paldies par jūsu atbildi!",
    csatLabels: ["Ļoti slikti", "Slikti", "Normāli", "Labi", "Lieliski"],
    checkIn: "Vai tas palīdzēja? Ja kaut kas joprojām nav kārtībā, vienkārši atbildiet šeit.",
    yes: "Jā",
    no: "Nē",
    checkInYes: "Prieks dzirdēt, paldies!",
    checkInNo: "Žēl. Mēs atkārtoti atvērām jūsu pieprasījumu, kolēģis drīz jums rakstīs.",
  },
};

export function wordingFor(language: SurveyLanguage): Wording {
  return WORDING[language];
}

export function surveyQuestion(kind: SurveyKind, language: SurveyLanguage): string {
  return WORDING[language][kind];
}

/** The score buttons: CSAT 5 … 1 with their words, NPS 0 … 10 as bare numbers. */
export function surveyChoices(surveyId: string, kind: SurveyKind, language: SurveyLanguage): ReplyChoice[] {
  if (kind === "nps")
    return Array.from({ length: 11 }, (_, score) => ({
      label: String(score),
      payload: surveyChoicePayload(surveyId, score),
    }));
  const labels = WORDING[language].csatLabels;
  return [5, 4, 3, 2, 1].map((score) => ({
    label: String(score),
    description: labels[score - 1],
    payload: surveyChoicePayload(surveyId, score),
  }));
}

const CHECK_IN = /^checkin:([0-9a-f-]{36}):(yes|no)$/;

export function checkInChoices(followUpId: string, language: SurveyLanguage): ReplyChoice[] {
  const words = WORDING[language];
  return [
    { label: words.yes, payload: `checkin:${followUpId}:yes` },
    { label: words.no, payload: `checkin:${followUpId}:no` },
  ];
}

export function readCheckInChoice(
  payload: string | undefined,
): { followUpId: string; helped: boolean } | null {
  const match = payload ? CHECK_IN.exec(payload) : null;
  return match ? { followUpId: match[1]!, helped: match[2] === "yes" } : null;
}

const YES = new Set(["yes", "yep", "yeah", "да", "ага", "угу", "tak", "jā", "ja", "jaa"]);
const NO = new Set(["no", "nope", "нет", "неа", "nie", "nē", "ne"]);

/** A typed "yes" or "no" to "Did this help?"; anything longer is a message for the team. */
export function readYesNo(text: string): boolean | null {
  const word = text
    .toLowerCase()
    .replace(/[^\p{L}\s]/gu, " ")
    .trim()
    .split(/\s+/)
    .filter((w) => w !== "спасибо" && w !== "thanks" && w !== "dziękuję" && w !== "paldies");
  if (word.length !== 1) return null;
  if (YES.has(word[0]!)) return true;
  if (NO.has(word[0]!)) return false;
  return null;
}
