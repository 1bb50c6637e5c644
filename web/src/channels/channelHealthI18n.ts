import { type TemplateVars, useDictionaryT } from "../hooks.ts";
import type { Locale } from "../i18n.ts";

/** A channel's back-off and pause, on the channels page and in the bell, apart from the app's dictionary. */
const en = {
  reason_rate_limited: "The platform asked Parley to slow down.",
  reason_platform_unavailable: "The platform kept failing.",
  reason_blocked: "The platform has blocked the account for a while.",
  reason_auth_failed: "The platform no longer accepts the credentials.",
  pausedUntil: "Paused: Parley asks the platform again at {time} and resumes by itself when it answers.",
  needsAttention: "Needs attention: nothing is sent until the channel is resumed or re-authorised.",
  waitingUntil: "The platform asked to wait: nothing is sent before {time}.",
  repliesWait: "Replies wait in the outbox and go out once the channel resumes.",
  lastError: "Last error: {status}",
  resume: "Resume now",
  notif_channel_paused: "Channel “{name}” paused ({status})",
  notif_channel_resumed: "Channel “{name}” resumed",
};

type Dictionary = Record<keyof typeof en, string>;
export type ChannelHealthKey = keyof typeof en;

const ru: Dictionary = {
  reason_rate_limited: "Платформа попросила Parley сбавить темп.",
  reason_platform_unavailable: "Платформа раз за разом отвечала ошибкой.",
  reason_blocked: "Платформа на время заблокировала аккаунт.",
  reason_auth_failed: "Платформа больше не принимает учётные данные.",
  pausedUntil: "Приостановлен: в {time} Parley снова спросит платформу и продолжит сам, если она ответит.",
  needsAttention:
    "Требует внимания: ничего не отправляется, пока канал не возобновят или не авторизуют заново.",
  waitingUntil: "Платформа попросила подождать: до {time} ничего не отправляется.",
  repliesWait: "Ответы ждут в очереди и уйдут, когда канал снова заработает.",
  lastError: "Последняя ошибка: {status}",
  resume: "Возобновить сейчас",
  notif_channel_paused: "Канал «{name}» приостановлен ({status})",
  notif_channel_resumed: "Канал «{name}» снова работает",
};

const pl: Dictionary = {
  reason_rate_limited: "Platforma poprosiła Parley o zwolnienie tempa.",
  reason_platform_unavailable: "Platforma raz po raz odpowiadała błędem.",
  reason_blocked: "Platforma na jakiś czas zablokowała konto.",
  reason_auth_failed: "Platforma nie akceptuje już danych uwierzytelniających.",
  pausedUntil: "Wstrzymany: o {time} Parley znów zapyta platformę i wznowi kanał sam, jeśli odpowie.",
  needsAttention:
    "Wymaga uwagi: nic nie jest wysyłane, dopóki kanał nie zostanie wznowiony lub ponownie autoryzowany.",
  waitingUntil: "Platforma poprosiła o odczekanie: przed {time} nic nie zostanie wysłane.",
  repliesWait: "Odpowiedzi czekają w kolejce i wyjdą, gdy kanał wznowi działanie.",
  lastError: "Ostatni błąd: {status}",
  resume: "Wznów teraz",
  notif_channel_paused: "Kanał „{name}” wstrzymany ({status})",
  notif_channel_resumed: "Kanał „{name}” wznowiony",
};

const lv: Dictionary = {
  reason_rate_limited: "Platforma lūdza Parley samazināt tempu.",
  reason_platform_unavailable: "Platforma atkārtoti atbildēja ar kļūdu.",
  reason_blocked: "Platforma uz laiku ir bloķējusi kontu.",
  reason_auth_failed: "Platforma vairs nepieņem piekļuves datus.",
  pausedUntil: "Apturēts: {time} Parley atkal jautās platformai un atsāks pats, ja tā atbildēs.",
  needsAttention: "Nepieciešama uzmanība: nekas netiek sūtīts, līdz kanālu atsāk vai autorizē atkārtoti.",
  waitingUntil: "Platforma lūdza pagaidīt: līdz {time} nekas netiek sūtīts.",
  repliesWait: "Atbildes gaida rindā un tiks nosūtītas, kad kanāls atsāks darbu.",
  lastError: "Pēdējā kļūda: {status}",
  resume: "Atsākt tagad",
  notif_channel_paused: "Kanāls “{name}” apturēts ({status})",
  notif_channel_resumed: "Kanāls “{name}” atsācis darbu",
};

const DICTIONARIES: Record<Locale, Dictionary> = { en, ru, pl, lv };

export function useChannelHealthT(): (key: ChannelHealthKey, vars?: TemplateVars) => string {
  return useDictionaryT(DICTIONARIES);
}

export function isChannelHealthKey(key: string): key is ChannelHealthKey {
  return key in en;
}
