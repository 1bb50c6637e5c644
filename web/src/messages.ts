import IntlMessageFormat from "intl-messageformat";
import type { Locale } from "./i18n.ts";
import { intlLocale } from "./intlLocale.ts";
import en from "./locales/en.json" with { type: "json" };

/** Every message id in the English file ("account.passwordChanged"): a mistyped id does not compile. */
export type MessageId = keyof typeof en;

/** The keys of one area, as that area's hook takes them: NamespaceKey<"account"> holds "passwordChanged". */
export type NamespaceKey<Namespace extends string> = MessageId extends infer Id
  ? Id extends `${Namespace}.${infer Key}`
    ? Key
    : never
  : never;

/** Values for a message's arguments: text, numbers (for `plural` and `number`) and dates (`date`, `time`). */
export type MessageVars = Record<string, string | number | Date>;

export type Catalog = Partial<Record<MessageId, string>>;

const catalogs = new Map<Locale, Catalog>([["en", en]]);
/** Parsed messages by locale and id: each is parsed once, on first use. */
const compiled = new Map<string, IntlMessageFormat>();

// English ships in the main bundle, as the fallback for any missing translation; each other language is its
// own file, fetched when it is chosen.
const loaders: Record<Exclude<Locale, "en">, () => Promise<Catalog>> = {
  ru: () => import("./locales/ru.json", { with: { type: "json" } }).then((m) => m.default),
  pl: () => import("./locales/pl.json", { with: { type: "json" } }).then((m) => m.default),
  lv: () => import("./locales/lv.json", { with: { type: "json" } }).then((m) => m.default),
};

export function hasMessages(locale: Locale): boolean {
  return catalogs.has(locale);
}

/** Fetches a language's messages once; until they are in (or if they never arrive), English is shown. */
export async function loadMessages(locale: Locale): Promise<void> {
  if (locale === "en" || catalogs.has(locale)) return;
  addMessages(locale, await loaders[locale]());
}

/** Messages for a language, over those it already has (a file fetched, or a translation being tried out). */
export function addMessages(locale: Locale, catalog: Catalog): void {
  catalogs.set(locale, { ...catalogs.get(locale), ...catalog });
  for (const key of compiled.keys()) if (key.startsWith(`${locale}\u0000`)) compiled.delete(key);
}

export function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(en, id);
}

/** For keys built from API values ("field_" + name): an area's hook takes only keys its namespace has. */
export function isNamespaceKey<Namespace extends string>(
  namespace: Namespace,
  key: string,
): key is NamespaceKey<Namespace> {
  return isMessageId(`${namespace}.${key}`);
}

function compile(locale: Locale, id: MessageId): IntlMessageFormat | undefined {
  const cacheKey = `${locale}\u0000${id}`;
  let message = compiled.get(cacheKey);
  if (!message) {
    const own = catalogs.get(locale)?.[id];
    // An id built from an API value and cast (`role_${role}`) may name no message at all.
    if (own === undefined && !isMessageId(id)) return undefined;
    try {
      // Tags are text: messages are plain strings rendered by React, never HTML.
      message = new IntlMessageFormat(own ?? en[id], intlLocale(locale), undefined, { ignoreTag: true });
    } catch (err) {
      // A translation a translator broke shows in English instead of breaking the page (the tests catch it first).
      if (own === undefined) throw err;
      console.error(`Message ${id} in ${locale} is not valid ICU`, err);
      message = new IntlMessageFormat(en[id], intlLocale(locale), undefined, { ignoreTag: true });
    }
    compiled.set(cacheKey, message);
  }
  return message;
}

/**
 * The message `id` in `locale` (English when that language lacks it), its arguments filled from `vars`:
 * plurals by the language's CLDR rules, numbers and dates in the viewer's locale and time zone.
 */
export function formatMessage(locale: Locale, id: MessageId, vars?: MessageVars): string {
  const message = compile(locale, id);
  if (!message) return id;
  try {
    return String(message.format(vars));
  } catch {
    // A value the caller did not pass stays as its placeholder, so a slip shows in the page, not as a crash.
    try {
      return String(message.format({ ...placeholdersOf(message), ...vars }));
    } catch {
      return id;
    }
  }
}

function placeholdersOf(message: IntlMessageFormat): Record<string, string> {
  const names: Record<string, string> = {};
  const visit = (elements: ReturnType<IntlMessageFormat["getAst"]>) => {
    for (const element of elements) {
      // Every element but plain text (type 0) that carries a name is an argument.
      if ("value" in element && typeof element.value === "string" && element.type !== 0) {
        names[element.value] = `{${element.value}}`;
      }
      if ("options" in element) for (const option of Object.values(element.options)) visit(option.value);
    }
  };
  visit(message.getAst());
  return names;
}
