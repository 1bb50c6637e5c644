import { useDictionaryT } from "../hooks.ts";
import type { Locale } from "../i18n.ts";

/**
 * The account strings shown outside the account pages: the top bar's "My account", the sign-in form's "Forgot
 * your password?", the Settings tab's name. Kept apart from accountI18n.ts, so the account pages and their
 * strings load only when opened.
 */
const DICTIONARIES: Record<Locale, Record<"nav" | "forgotPassword" | "teamMembersTab", string>> = {
  en: { nav: "My account", forgotPassword: "Forgot your password?", teamMembersTab: "Team members" },
  ru: { nav: "Мой профиль", forgotPassword: "Забыли пароль?", teamMembersTab: "Сотрудники" },
  pl: { nav: "Moje konto", forgotPassword: "Nie pamiętasz hasła?", teamMembersTab: "Członkowie zespołu" },
  lv: { nav: "Mans konts", forgotPassword: "Aizmirsāt paroli?", teamMembersTab: "Komandas dalībnieki" },
};

export function useAccountNavT() {
  return useDictionaryT(DICTIONARIES);
}
