/** Bureaucratic, cold, arguing and blaming phrases of Polish replies, with plainer wordings (see phraseRule.ts). */

import { type PhraseRule, STEM } from "./phraseRule.ts";

const L = STEM;

export const PL_PHRASES: readonly PhraseRule[] = [
  {
    kind: "bureaucratic",
    pattern: `uprzejmie\\s+(?:informuj${L}|inform${L}|zawiadam${L})(?:\\s*,?\\s*(?:iż|że))?`,
    suggestion: "od razu do rzeczy, np. „Paczka dotrze w środę”",
  },
  {
    kind: "bureaucratic",
    pattern: `(?:informujemy|informuję|zawiadamiamy)\\s*,?\\s+(?:iż|że)`,
    suggestion: "Dajemy znać, że",
  },
  { kind: "bureaucratic", pattern: "iż", suggestion: "że" },
  {
    kind: "bureaucratic",
    pattern: `zgodnie\\s+z\\s+(?:nasz${L}\\s+)?(?:regulamin${L}|procedur${L}|przepis${L}|polityk${L}|punkt${L}|§)(?:\\s*\\d+(?:\\.\\d+)*)?`,
    suggestion: "według naszych zasad zwrotu… (powiedz własnymi słowami, co mówią)",
  },
  { kind: "bureaucratic", pattern: "w\\s+nawiązaniu\\s+do", suggestion: "Co do / Odpowiadając na" },
  { kind: "bureaucratic", pattern: `niniejsz${L}`, suggestion: "ten / ta / to" },
  {
    kind: "bureaucratic",
    pattern: `(?:powyższ|wyżej\\s+wymienion|przedmiotow)${L}`,
    suggestion: "ten / o którym Pan(i) pisał(a)",
  },
  {
    kind: "bureaucratic",
    pattern: `dokon(?:ać|ania|anie|aniu|uje|ujemy|ał|ała|ali|amy|a|ano|ajcie|aj)\\s+(?:płatności|zapłaty|opłaty|wpłaty)`,
    suggestion: "zapłacić",
  },
  {
    kind: "bureaucratic",
    pattern: `dokon(?:ać|ania|anie|aniu|uje|ujemy|ał|ała|ali|amy|a|ano|ajcie|aj)\\s+(?:zwrotu|zmiany|wymiany|zakupu|reklamacji|zamówienia)`,
    suggestion: "zwrócić / wymienić / kupić (jednym czasownikiem)",
  },
  { kind: "bureaucratic", pattern: "nie\\s+ma\\s+(?:takiej\\s+)?możliwości", suggestion: "nie możemy" },
  { kind: "bureaucratic", pattern: `nie\\s+jest\\s+(?:to\\s+)?możliw${L}`, suggestion: "nie możemy" },
  { kind: "bureaucratic", pattern: "w\\s+związku\\s+z\\s+powyższym", suggestion: "dlatego" },
  {
    kind: "bureaucratic",
    pattern: `(?:w\\s+celu|celem)\\s+(?:weryfikacji|sprawdzenia|wyjaśnienia|realizacji)`,
    suggestion: "żeby sprawdzić / wyjaśnić",
  },
  {
    kind: "bureaucratic",
    pattern: "(?:na\\s+chwilę\\s+obecną|w\\s+chwili\\s+obecnej|na\\s+dzień\\s+dzisiejszy)",
    suggestion: "teraz / dziś",
  },
  {
    kind: "cold",
    pattern: `(?:Pan${L}\\s+|Twoje\\s+|twoje\\s+)?(?:zgłoszenie|reklamacja|wniosek)\\s+(?:zostało|została|został)\\s+(?:zarejestrowan${L}|przyjęt${L})`,
    suggestion: "Mamy Twoje zgłoszenie i już się nim zajmujemy",
  },
  {
    kind: "cold",
    pattern: `(?:przepraszamy\\s+)?za\\s+(?:zaistniał${L}|powstał${L})\\s+(?:sytuacj${L}|niedogodności|utrudnienia)`,
    suggestion: "Przepraszamy, że tak wyszło",
  },
  {
    kind: "cold",
    pattern: `(?:prosimy\\s+)?oczekiwać\\s+na\\s+(?:kontakt|odpowiedź)`,
    suggestion: "Odezwiemy się, gdy tylko (kiedy) będziemy wiedzieć",
  },
  {
    kind: "cold",
    pattern: `(?:do\\s+)?(?:odpowiedni|właściw|stosown)${L}\\s+(?:dział${L}|komórk${L})`,
    suggestion: "do kolegów z (nazwa działu), odpowiedzą do (termin)",
  },
  {
    kind: "arguing",
    pattern: `jak\\s+(?:już\\s+)?(?:pisaliśmy|wspominaliśmy|informowaliśmy|mówiliśmy|wyjaśnialiśmy|pisałem|pisałam|wspomniałem|wspomniałam)(?:\\s+(?:wcześniej|powyżej|już))?`,
    suggestion: "Dla jasności:",
  },
  {
    kind: "arguing",
    pattern: `(?:proszę|prosimy)\\s+(?:uważnie|dokładnie)\\s+(?:przeczytać|czytać|zapoznać\\s+się)|(?:proszę|prosimy)\\s+(?:przeczytać|zapoznać\\s+się)\\s+(?:uważnie|dokładnie)`,
    suggestion: "Wszystko jest tu: (link) — chętnie pomogę, jeśli coś jest niejasne",
  },
  {
    kind: "arguing",
    pattern: `nie\\s+ma\\s+(?:Pan|Pani)\\s+racji|(?:Pan|Pani)\\s+się\\s+myli|myli\\s+się\\s+(?:Pan|Pani)`,
    suggestion: "Wyjaśnię, jak to działa",
  },
  {
    kind: "arguing",
    pattern: `(?:powtarzam${L}|powtórzę|ponownie\\s+informujemy)`,
    suggestion: "Dla jasności:",
  },
  {
    kind: "blame",
    pattern: `z\\s+(?:Pana|Pani|Twojej|twojej|własnej)\\s+winy|(?:Pana|Pani|Twój|twój)\\s+błąd`,
    suggestion: "tak wyszło — naprawmy to razem",
  },
  {
    kind: "blame",
    pattern: `należało\\s+(?:przeczytać|sprawdzić|zapoznać\\s+się|podać)`,
    suggestion: "Następnym razem pomoże (co) — a teraz zróbmy tak:",
  },
  {
    kind: "blame",
    pattern: `nie\\s+(?:podał|przeczytał|sprawdził|zapoznał|dołączył)${L}\\s+(?:się\\s+)?(?:Pan|Pani)`,
    suggestion: "Prosimy o (co jest potrzebne)",
  },
  {
    kind: "blame",
    pattern: `to\\s+nie\\s+(?:jest\\s+)?nasz${L}\\s+(?:wina|problem)`,
    suggestion: "Powiem, kto pomoże: (kurier / bank) — i pomogę się skontaktować",
  },
  { kind: "jargon", pattern: `(?:ticket|tiket)${L}`, suggestion: "zgłoszenie" },
  { kind: "jargon", pattern: `eskal${L}`, suggestion: "przekazaliśmy do starszego specjalisty" },
  {
    kind: "jargon",
    pattern: "(?:SLA|RMA|SKU)",
    suggestion: "termin odpowiedzi / zwrot / kod produktu — słowami",
  },
  {
    kind: "passive",
    pattern: `(?:zostało|została|został|zostały|zostali|zostanie|zostaną)\\s+(?:\\p{L}+(?:ny|na|ne|ni|ty|ta|te|ci|one|ona|ony))`,
    suggestion: "strona czynna: „przekazaliśmy”, „wyślemy”",
  },
];
