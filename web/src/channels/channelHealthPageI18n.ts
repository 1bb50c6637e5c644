import { type TemplateVars, useDictionaryT } from "../hooks.ts";
import type { Locale } from "../i18n.ts";

/** The channel health page: what the channel last heard and sent, what is wrong, and the fix for each. */
const en = {
  healthTitle: "Health of {name}",
  healthLink: "Health",
  backToChannels: "All channels",
  lastEventIn: "Last event in",
  lastReplyOut: "Last reply delivered",
  eventsWaiting: "Events waiting to be processed",
  repliesWaiting: "Replies waiting to go out",
  never: "never",
  allWell: "Nothing needs attention.",
  findings: "What needs attention",
  fix: "What to do",
  unreadableTitle: "Events Parley could not read (7 days)",
  rejectedTitle: "Bodies refused as malformed (7 days)",
  failedTitle: "Replies that failed or may not have arrived (7 days)",
  when: "When",
  reason: "Reason",
  state: "State",
  webhookUrl: "Webhook URL",
  loading: "Loading…",
  finding_needs_reauth: "The platform no longer accepts the channel's credentials.",
  fix_needs_reauth: "Enter a new token on the Channels page; waiting replies go out once it works.",
  finding_paused_rate_limited: "Paused by the platform's rate limit.",
  fix_paused_rate_limited:
    "Parley resumes by itself when the limit resets. If it keeps happening, reduce automated sends.",
  finding_paused_platform_unavailable: "Paused: the platform keeps failing.",
  fix_paused_platform_unavailable:
    "Parley probes the platform and resumes by itself; nothing is lost meanwhile.",
  finding_paused_blocked: "The platform has blocked this account.",
  fix_paused_blocked: "Resolve it in the platform's business support, then resume the channel here.",
  finding_paused_other: "The channel is paused.",
  fix_paused_other: "Resume it on the Channels page once the cause is fixed.",
  finding_waiting: "The platform asked Parley to wait until {until}.",
  fix_waiting: "Nothing to do: sending resumes at that time.",
  finding_no_events: "Nothing heard from the platform for {hours} h.",
  fix_no_events:
    "Check that the webhook URL below is still set on the platform and its events are subscribed.",
  finding_never_heard: "Nothing has been heard from this channel yet.",
  fix_never_heard:
    "Set the webhook URL below on the platform, subscribe its events, and send a test message.",
  finding_unreadable_events: "Events Parley could not read: {count}.",
  fix_unreadable_events:
    "See the reasons below. If the platform changed its format, report it with the event.",
  finding_rejected_bodies: "Webhook bodies refused as malformed: {count}.",
  fix_rejected_bodies:
    "Something posts to this channel's URL in another format: check proxies and where the URL is used.",
  finding_ingest_backlog: "Events waiting to be processed: {count}.",
  fix_ingest_backlog: "Check that the worker processes run (metrics: ingest lag and queue depth).",
  finding_send_failures: "Replies that failed: {count}.",
  fix_send_failures: "Open their conversations to see why, fix the cause and send again.",
  finding_uncertain_sends: "Replies that may or may not have arrived: {count}.",
  fix_uncertain_sends: "Check on the platform before sending them again.",
  finding_outbox_backlog: "Replies waiting for {minutes} min: {count}.",
  fix_outbox_backlog: "The worker may be down or the channel held: see above.",
  finding_disabled: "The channel is disabled.",
  fix_disabled: "Enable it on the Channels page to hear and send again.",
};

type Dictionary = Record<keyof typeof en, string>;
export type ChannelHealthPageKey = keyof typeof en;

const ru: Dictionary = {
  healthTitle: "Состояние канала {name}",
  healthLink: "Состояние",
  backToChannels: "Все каналы",
  lastEventIn: "Последнее входящее событие",
  lastReplyOut: "Последний доставленный ответ",
  eventsWaiting: "События в очереди на обработку",
  repliesWaiting: "Ответы в очереди на отправку",
  never: "никогда",
  allWell: "Всё в порядке.",
  findings: "Требует внимания",
  fix: "Что сделать",
  unreadableTitle: "События, которые Parley не смог прочитать (7 дней)",
  rejectedTitle: "Запросы, отклонённые как некорректные (7 дней)",
  failedTitle: "Ответы с ошибкой или без подтверждения доставки (7 дней)",
  when: "Когда",
  reason: "Причина",
  state: "Состояние",
  webhookUrl: "URL вебхука",
  loading: "Загрузка…",
  finding_needs_reauth: "Платформа больше не принимает учётные данные канала.",
  fix_needs_reauth:
    "Введите новый токен на странице «Каналы»; ответы из очереди уйдут, как только он заработает.",
  finding_paused_rate_limited: "Приостановлен из-за лимита запросов платформы.",
  fix_paused_rate_limited:
    "Parley возобновит работу сам, когда лимит сбросится. Если это повторяется, сократите автоматические отправки.",
  finding_paused_platform_unavailable: "Приостановлен: платформа постоянно отвечает ошибками.",
  fix_paused_platform_unavailable: "Parley проверяет платформу и возобновит работу сам; ничего не теряется.",
  finding_paused_blocked: "Платформа заблокировала этот аккаунт.",
  fix_paused_blocked: "Решите вопрос в поддержке платформы для бизнеса, затем возобновите канал здесь.",
  finding_paused_other: "Канал приостановлен.",
  fix_paused_other: "Возобновите его на странице «Каналы», когда причина устранена.",
  finding_waiting: "Платформа попросила подождать до {until}.",
  fix_waiting: "Ничего делать не нужно: отправка продолжится в это время.",
  finding_no_events: "От платформы ничего не приходило {hours} ч.",
  fix_no_events: "Проверьте, что URL вебхука ниже по-прежнему указан на платформе и события подписаны.",
  finding_never_heard: "От этого канала ещё ничего не приходило.",
  fix_never_heard:
    "Укажите URL вебхука ниже на платформе, подпишитесь на события и отправьте тестовое сообщение.",
  finding_unreadable_events: "События, которые Parley не смог прочитать: {count}.",
  fix_unreadable_events:
    "Причины перечислены ниже. Если платформа изменила формат, сообщите об этом вместе с событием.",
  finding_rejected_bodies: "Запросы к вебхуку, отклонённые как некорректные: {count}.",
  fix_rejected_bodies:
    "На URL этого канала приходит что-то в другом формате: проверьте прокси и где используется URL.",
  finding_ingest_backlog: "События в очереди на обработку: {count}.",
  fix_ingest_backlog:
    "Проверьте, что рабочие процессы запущены (метрики: задержка обработки и длина очереди).",
  finding_send_failures: "Ответы с ошибкой: {count}.",
  fix_send_failures: "Откройте их диалоги, чтобы увидеть причину, устраните её и отправьте снова.",
  finding_uncertain_sends: "Ответы без подтверждения доставки: {count}.",
  fix_uncertain_sends: "Проверьте на платформе, прежде чем отправлять их снова.",
  finding_outbox_backlog: "Ответы ждут отправки {minutes} мин: {count}.",
  fix_outbox_backlog: "Возможно, рабочий процесс остановлен или канал приостановлен: см. выше.",
  finding_disabled: "Канал отключён.",
  fix_disabled: "Включите его на странице «Каналы», чтобы снова получать и отправлять сообщения.",
};

const pl: Dictionary = {
  healthTitle: "Stan kanału {name}",
  healthLink: "Stan",
  backToChannels: "Wszystkie kanały",
  lastEventIn: "Ostatnie zdarzenie przychodzące",
  lastReplyOut: "Ostatnia dostarczona odpowiedź",
  eventsWaiting: "Zdarzenia czekające na przetworzenie",
  repliesWaiting: "Odpowiedzi czekające na wysłanie",
  never: "nigdy",
  allWell: "Nic nie wymaga uwagi.",
  findings: "Wymaga uwagi",
  fix: "Co zrobić",
  unreadableTitle: "Zdarzenia, których Parley nie odczytał (7 dni)",
  rejectedTitle: "Żądania odrzucone jako nieprawidłowe (7 dni)",
  failedTitle: "Odpowiedzi z błędem lub bez potwierdzenia dostarczenia (7 dni)",
  when: "Kiedy",
  reason: "Powód",
  state: "Stan",
  webhookUrl: "URL webhooka",
  loading: "Wczytywanie…",
  finding_needs_reauth: "Platforma nie akceptuje już danych logowania kanału.",
  fix_needs_reauth:
    "Wpisz nowy token na stronie Kanały; oczekujące odpowiedzi zostaną wysłane, gdy zadziała.",
  finding_paused_rate_limited: "Wstrzymany przez limit zapytań platformy.",
  fix_paused_rate_limited:
    "Parley wznowi pracę sam po odnowieniu limitu. Jeśli to się powtarza, ogranicz automatyczne wysyłki.",
  finding_paused_platform_unavailable: "Wstrzymany: platforma ciągle zwraca błędy.",
  fix_paused_platform_unavailable: "Parley sprawdza platformę i wznowi pracę sam; nic nie ginie.",
  finding_paused_blocked: "Platforma zablokowała to konto.",
  fix_paused_blocked: "Wyjaśnij sprawę w pomocy platformy dla firm, a potem wznów kanał tutaj.",
  finding_paused_other: "Kanał jest wstrzymany.",
  fix_paused_other: "Wznów go na stronie Kanały, gdy przyczyna zostanie usunięta.",
  finding_waiting: "Platforma poprosiła o czekanie do {until}.",
  fix_waiting: "Nic nie trzeba robić: wysyłanie wznowi się o tej porze.",
  finding_no_events: "Od platformy nic nie przyszło od {hours} godz.",
  fix_no_events:
    "Sprawdź, czy URL webhooka poniżej jest nadal ustawiony na platformie, a zdarzenia subskrybowane.",
  finding_never_heard: "Z tego kanału nic jeszcze nie przyszło.",
  fix_never_heard:
    "Ustaw URL webhooka poniżej na platformie, zasubskrybuj zdarzenia i wyślij wiadomość testową.",
  finding_unreadable_events: "Zdarzenia, których Parley nie odczytał: {count}.",
  fix_unreadable_events: "Powody są poniżej. Jeśli platforma zmieniła format, zgłoś to razem ze zdarzeniem.",
  finding_rejected_bodies: "Żądania do webhooka odrzucone jako nieprawidłowe: {count}.",
  fix_rejected_bodies:
    "Na URL tego kanału trafia coś w innym formacie: sprawdź proxy i gdzie URL jest używany.",
  finding_ingest_backlog: "Zdarzenia czekające na przetworzenie: {count}.",
  fix_ingest_backlog:
    "Sprawdź, czy procesy robocze działają (metryki: opóźnienie przetwarzania i długość kolejki).",
  finding_send_failures: "Odpowiedzi z błędem: {count}.",
  fix_send_failures: "Otwórz ich rozmowy, by zobaczyć powód, usuń go i wyślij ponownie.",
  finding_uncertain_sends: "Odpowiedzi bez potwierdzenia dostarczenia: {count}.",
  fix_uncertain_sends: "Sprawdź na platformie, zanim wyślesz je ponownie.",
  finding_outbox_backlog: "Odpowiedzi czekają {minutes} min: {count}.",
  fix_outbox_backlog: "Proces roboczy może nie działać albo kanał jest wstrzymany: zobacz wyżej.",
  finding_disabled: "Kanał jest wyłączony.",
  fix_disabled: "Włącz go na stronie Kanały, aby znów odbierać i wysyłać.",
};

const lv: Dictionary = {
  healthTitle: "Kanāla {name} stāvoklis",
  healthLink: "Stāvoklis",
  backToChannels: "Visi kanāli",
  lastEventIn: "Pēdējais ienākošais notikums",
  lastReplyOut: "Pēdējā piegādātā atbilde",
  eventsWaiting: "Notikumi, kas gaida apstrādi",
  repliesWaiting: "Atbildes, kas gaida nosūtīšanu",
  never: "nekad",
  allWell: "Nekas neprasa uzmanību.",
  findings: "Prasa uzmanību",
  fix: "Ko darīt",
  unreadableTitle: "Notikumi, ko Parley nevarēja nolasīt (7 dienas)",
  rejectedTitle: "Pieprasījumi, kas noraidīti kā nederīgi (7 dienas)",
  failedTitle: "Atbildes ar kļūdu vai bez piegādes apstiprinājuma (7 dienas)",
  when: "Kad",
  reason: "Iemesls",
  state: "Stāvoklis",
  webhookUrl: "Tīmekļa āķa URL",
  loading: "Ielādē…",
  finding_needs_reauth: "Platforma vairs nepieņem kanāla piekļuves datus.",
  fix_needs_reauth:
    "Ievadiet jaunu marķieri lapā Kanāli; gaidošās atbildes tiks nosūtītas, tiklīdz tas darbosies.",
  finding_paused_rate_limited: "Apturēts platformas pieprasījumu limita dēļ.",
  fix_paused_rate_limited:
    "Parley atsāks pats, kad limits atjaunosies. Ja tas atkārtojas, samaziniet automātiskās sūtīšanas.",
  finding_paused_platform_unavailable: "Apturēts: platforma atkārtoti atbild ar kļūdām.",
  fix_paused_platform_unavailable: "Parley pārbauda platformu un atsāks pats; nekas netiek pazaudēts.",
  finding_paused_blocked: "Platforma ir bloķējusi šo kontu.",
  fix_paused_blocked: "Atrisiniet to platformas uzņēmumu atbalstā, tad atsāciet kanālu šeit.",
  finding_paused_other: "Kanāls ir apturēts.",
  fix_paused_other: "Atsāciet to lapā Kanāli, kad cēlonis novērsts.",
  finding_waiting: "Platforma lūdza gaidīt līdz {until}.",
  fix_waiting: "Nekas nav jādara: sūtīšana atsāksies šajā laikā.",
  finding_no_events: "No platformas nekas nav saņemts {hours} h.",
  fix_no_events:
    "Pārbaudiet, vai zemāk redzamais tīmekļa āķa URL joprojām ir iestatīts platformā un notikumi ir abonēti.",
  finding_never_heard: "No šī kanāla vēl nekas nav saņemts.",
  fix_never_heard:
    "Iestatiet zemāk redzamo tīmekļa āķa URL platformā, abonējiet notikumus un nosūtiet testa ziņu.",
  finding_unreadable_events: "Notikumi, ko Parley nevarēja nolasīt: {count}.",
  fix_unreadable_events: "Iemesli ir zemāk. Ja platforma mainīja formātu, ziņojiet par to kopā ar notikumu.",
  finding_rejected_bodies: "Tīmekļa āķa pieprasījumi, kas noraidīti kā nederīgi: {count}.",
  fix_rejected_bodies:
    "Uz šī kanāla URL nonāk kas cits formātā: pārbaudiet starpniekserverus un kur URL tiek izmantots.",
  finding_ingest_backlog: "Notikumi, kas gaida apstrādi: {count}.",
  fix_ingest_backlog:
    "Pārbaudiet, vai darba procesi darbojas (metrikas: apstrādes aizkave un rindas garums).",
  finding_send_failures: "Atbildes ar kļūdu: {count}.",
  fix_send_failures: "Atveriet to sarunas, lai redzētu iemeslu, novērsiet to un nosūtiet vēlreiz.",
  finding_uncertain_sends: "Atbildes bez piegādes apstiprinājuma: {count}.",
  fix_uncertain_sends: "Pārbaudiet platformā, pirms sūtāt tās vēlreiz.",
  finding_outbox_backlog: "Atbildes gaida {minutes} min: {count}.",
  fix_outbox_backlog: "Darba process var nedarboties vai kanāls ir apturēts: skatiet augstāk.",
  finding_disabled: "Kanāls ir atspējots.",
  fix_disabled: "Iespējojiet to lapā Kanāli, lai atkal saņemtu un sūtītu.",
};

const DICTIONARIES: Record<Locale, Dictionary> = { en, ru, pl, lv };

export function useChannelHealthPageT(): (key: ChannelHealthPageKey, vars?: TemplateVars) => string {
  return useDictionaryT(DICTIONARIES);
}
