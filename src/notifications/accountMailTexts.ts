/**
 * The words of the account e-mails (invitation, password reset) in the four languages of the UI. The language is
 * the one the person who caused the mail was using (the inviting admin's interface, or the browser that asked for
 * a reset), as the invitee has no account and no language of their own yet.
 */
export const MAIL_LOCALES = ["en", "ru", "pl", "lv"] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

interface Texts {
  inviteSubject: string;
  inviteIntro: string;
  inviteOpen: string;
  resetSubject: string;
  resetIntro: string;
  resetOpen: string;
  resetEverywhere: string;
  resetIgnore: string;
  linkValid: string;
  inviteIgnore: string;
  roles: Record<string, string>;
}

export const ACCOUNT_MAIL_TEXTS: Record<MailLocale, Texts> = {
  en: {
    inviteSubject: "[Parley] {inviter} invites you to {workspace}",
    inviteIntro: "{inviter} invites you to join {workspace} on Parley as {role}.",
    inviteOpen: "Open this link to choose your name and password:",
    inviteIgnore: "If you did not expect this, ignore this e-mail.",
    resetSubject: "[Parley] Choose a new password",
    resetIntro: "Someone asked to reset the password of your Parley account.",
    resetOpen: "Open this link to choose a new one:",
    resetEverywhere: "Setting a new password signs you out everywhere.",
    resetIgnore: "If it was not you, ignore this e-mail: your password stays as it is.",
    linkValid: "The link works once, until {until}.",
    roles: { agent: "an agent", supervisor: "a supervisor", admin: "an admin" },
  },
  ru: {
    inviteSubject: "[Parley] {inviter} приглашает вас в {workspace}",
    inviteIntro: "{inviter} приглашает вас в {workspace} в Parley. Ваша роль: {role}.",
    inviteOpen: "Откройте ссылку, чтобы указать имя и пароль:",
    inviteIgnore: "Если вы не ждали этого письма, просто не отвечайте на него.",
    resetSubject: "[Parley] Новый пароль",
    resetIntro: "Кто-то запросил сброс пароля вашей учётной записи Parley.",
    resetOpen: "Откройте ссылку, чтобы задать новый пароль:",
    resetEverywhere: "После смены пароля все ваши сеансы будут завершены.",
    resetIgnore: "Если это были не вы, ничего не делайте: пароль останется прежним.",
    linkValid: "Ссылка одноразовая и действует до {until}.",
    roles: { agent: "оператор", supervisor: "руководитель", admin: "администратор" },
  },
  pl: {
    inviteSubject: "[Parley] {inviter} zaprasza Cię do {workspace}",
    inviteIntro: "{inviter} zaprasza Cię do {workspace} w Parley. Twoja rola: {role}.",
    inviteOpen: "Otwórz ten link, aby podać imię i hasło:",
    inviteIgnore: "Jeśli nie spodziewasz się tej wiadomości, zignoruj ją.",
    resetSubject: "[Parley] Ustaw nowe hasło",
    resetIntro: "Ktoś poprosił o zresetowanie hasła do Twojego konta w Parley.",
    resetOpen: "Otwórz ten link, aby ustawić nowe hasło:",
    resetEverywhere: "Ustawienie nowego hasła wyloguje Cię ze wszystkich urządzeń.",
    resetIgnore: "Jeśli to nie Ty, zignoruj tę wiadomość: hasło pozostanie bez zmian.",
    linkValid: "Link działa jeden raz, do {until}.",
    roles: { agent: "konsultant", supervisor: "kierownik", admin: "administrator" },
  },
  lv: {
    inviteSubject: "[Parley] {inviter} aicina jūs uz {workspace}",
    inviteIntro: "{inviter} aicina jūs pievienoties {workspace} Parley. Jūsu loma: {role}.",
    inviteOpen: "Atveriet šo saiti, lai norādītu vārdu un paroli:",
    inviteIgnore: "Ja šo vēstuli negaidījāt, neņemiet to vērā.",
    resetSubject: "[Parley] Jaunas paroles izvēle",
    resetIntro: "Kāds lūdza atiestatīt jūsu Parley konta paroli.",
    resetOpen: "Atveriet šo saiti, lai izvēlētos jaunu paroli:",
    resetEverywhere: "Jaunas paroles iestatīšana izraksta jūs no visām ierīcēm.",
    resetIgnore: "Ja tas nebijāt jūs, neņemiet šo vēstuli vērā: parole paliek nemainīta.",
    linkValid: "Saite darbojas vienu reizi, līdz {until}.",
    roles: { agent: "operators", supervisor: "vadītājs", admin: "administrators" },
  },
};

/** The first of the UI's languages an Accept-Language header (or a language the UI sent) asks for; English otherwise. */
export function mailLocaleOf(...wanted: (string | null | undefined)[]): MailLocale {
  for (const value of wanted) {
    if (!value) continue;
    const tags = value
      .split(",")
      .map((part) => {
        const [tag, ...params] = part.trim().split(";");
        const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
        return { tag: (tag ?? "").toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
      })
      .filter((t) => t.tag && t.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const { tag } of tags) {
      const base = tag.split("-")[0] as MailLocale;
      if ((MAIL_LOCALES as readonly string[]).includes(base)) return base;
    }
  }
  return "en";
}

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** When a link expires, in the mail's language, stated in UTC (the reader's zone is unknown to the server). */
export function untilText(at: Date, locale: MailLocale): string {
  const formatted = new Intl.DateTimeFormat(locale, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
    hourCycle: locale === "en" ? "h23" : undefined,
  }).format(at);
  return `${formatted} UTC`;
}
