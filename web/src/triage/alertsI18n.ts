import { useDictionaryT } from "../hooks.ts";
import type { Locale } from "../i18n.ts";

const en = {
  alertsTitle: "Alert me about assignments and SLA warnings",
  alertSound: "Sound",
  alertDesktop: "Desktop alerts",
  alertDesktopBlocked: "The browser blocks desktop alerts from Parley: allow them in the site's settings.",
  alertDesktopUnsupported: "This browser cannot show desktop alerts.",
  unknownCustomer: "a customer",
};

export type AlertsKey = keyof typeof en;

const ru: Record<AlertsKey, string> = {
  alertsTitle: "Сообщать о назначениях и сроках SLA",
  alertSound: "Звук",
  alertDesktop: "Уведомления на рабочем столе",
  alertDesktopBlocked:
    "Браузер запрещает Parley уведомления на рабочем столе: разрешите их в настройках сайта.",
  alertDesktopUnsupported: "Этот браузер не умеет показывать уведомления на рабочем столе.",
  unknownCustomer: "клиент",
};

const pl: Record<AlertsKey, string> = {
  alertsTitle: "Powiadamiaj o przypisaniach i terminach SLA",
  alertSound: "Dźwięk",
  alertDesktop: "Powiadomienia na pulpicie",
  alertDesktopBlocked:
    "Przeglądarka blokuje powiadomienia Parley na pulpicie: zezwól na nie w ustawieniach witryny.",
  alertDesktopUnsupported: "Ta przeglądarka nie wyświetla powiadomień na pulpicie.",
  unknownCustomer: "klient",
};

const lv: Record<AlertsKey, string> = {
  alertsTitle: "Ziņot par piešķirtām sarunām un SLA termiņiem",
  alertSound: "Skaņa",
  alertDesktop: "Darbvirsmas paziņojumi",
  alertDesktopBlocked: "Pārlūks bloķē Parley darbvirsmas paziņojumus: atļaujiet tos vietnes iestatījumos.",
  alertDesktopUnsupported: "Šis pārlūks nevar rādīt darbvirsmas paziņojumus.",
  unknownCustomer: "klients",
};

const DICTIONARIES: Record<Locale, Record<AlertsKey, string>> = { en, ru, pl, lv };

export function useAlertsT() {
  return useDictionaryT(DICTIONARIES);
}
