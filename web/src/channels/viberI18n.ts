import { type TemplateVars, useDictionaryT } from "../hooks.ts";
import type { Locale } from "../i18n.ts";

/** Viber's channel form and the reply box of a customer who unsubscribed, apart from the app's dictionary. */
const en = {
  field_authToken: "Auth token (“Your app key” in the bot's Edit Info)",
  field_senderName: "Sender name (up to 28 characters)",
  field_senderAvatar: "Sender avatar URL (optional)",
  field_welcomeMessage: "Welcome message (optional)",
  setupHint:
    "Parley calls set_webhook with this channel's webhook URL itself. Viber checks the URL at once, so Parley must be reachable over HTTPS with a trusted certificate.",
  welcomeHint: "Sent once to a person who opens the chat before subscribing.",
  unsubscribed:
    "{name} unsubscribed from this Viber account on {time}: nothing can be sent until they subscribe again or write.",
};

type Dictionary = Record<keyof typeof en, string>;
export type ViberKey = keyof typeof en;

const ru: Dictionary = {
  field_authToken: "Токен (Your app key в Edit Info бота)",
  field_senderName: "Имя отправителя (до 28 символов)",
  field_senderAvatar: "URL аватара отправителя (необязательно)",
  field_welcomeMessage: "Приветствие (необязательно)",
  setupHint:
    "Parley сам вызывает set_webhook с адресом вебхука этого канала. Viber сразу проверяет адрес, поэтому Parley должен быть доступен по HTTPS с доверенным сертификатом.",
  welcomeHint: "Отправляется один раз человеку, который открыл чат и ещё не подписался.",
  unsubscribed:
    "{name} отписался от этого аккаунта Viber {time}: ничего нельзя отправить, пока клиент снова не подпишется или не напишет сам.",
};

const pl: Dictionary = {
  field_authToken: "Token (Your app key w Edit Info bota)",
  field_senderName: "Nazwa nadawcy (do 28 znaków)",
  field_senderAvatar: "URL awatara nadawcy (opcjonalnie)",
  field_welcomeMessage: "Wiadomość powitalna (opcjonalnie)",
  setupHint:
    "Parley sam wywołuje set_webhook z adresem webhooka tego kanału. Viber od razu sprawdza adres, więc Parley musi być dostępny przez HTTPS z zaufanym certyfikatem.",
  welcomeHint: "Wysyłana raz osobie, która otworzyła czat, zanim zasubskrybowała.",
  unsubscribed:
    "{name} zrezygnował(a) z subskrypcji tego konta Viber {time}: nie można nic wysłać, dopóki klient znów nie zasubskrybuje lub sam nie napisze.",
};

const lv: Dictionary = {
  field_authToken: "Žetons (Your app key bota Edit Info)",
  field_senderName: "Sūtītāja vārds (līdz 28 rakstzīmēm)",
  field_senderAvatar: "Sūtītāja avatāra URL (nav obligāts)",
  field_welcomeMessage: "Sveiciena ziņa (nav obligāta)",
  setupHint:
    "Parley pats izsauc set_webhook ar šī kanāla tīmekļa āķa adresi. Viber adresi pārbauda uzreiz, tāpēc Parley jābūt sasniedzamam caur HTTPS ar uzticamu sertifikātu.",
  welcomeHint: "Tiek nosūtīta vienreiz cilvēkam, kurš atvēris sarunu, pirms abonējis.",
  unsubscribed:
    "{name} atteicās no šī Viber konta abonēšanas {time}: neko nevar nosūtīt, līdz klients atkal abonēs vai pats uzrakstīs.",
};

const DICTIONARIES: Record<Locale, Dictionary> = { en, ru, pl, lv };

export function useViberT(): (key: ViberKey, vars?: TemplateVars) => string {
  return useDictionaryT(DICTIONARIES);
}
