import { readFileSync } from "node:fs";
import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { LOCALES, type Locale } from "./i18n.ts";
import { formatMessage, loadMessages, type MessageId } from "./messages.ts";

/** The files as translators edit them, read as text: what ships is what is checked. */
const catalogs = Object.fromEntries(
  LOCALES.map((locale) => [
    locale,
    JSON.parse(readFileSync(new URL(`./locales/${locale}.json`, import.meta.url), "utf8")) as Record<
      string,
      string
    >,
  ]),
) as Record<Locale, Record<string, string>>;
const englishIds = Object.keys(catalogs.en);

interface Argument {
  name: string;
  kind: string;
}

/** Each argument of a message with how it is formatted ("plural", "date", plain "argument"…), plural options too. */
function argumentsOf(elements: MessageFormatElement[], into: Argument[] = []): Argument[] {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) continue;
    into.push({ name: element.value, kind: TYPE[element.type] });
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
  }
  return into;
}

function pluralsOf(elements: MessageFormatElement[], into: { name: string; options: string[] }[] = []) {
  for (const element of elements) {
    if (element.type === TYPE.plural)
      into.push({ name: element.value, options: Object.keys(element.options) });
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) pluralsOf(option.value, into);
    }
  }
  return into;
}

const signature = (message: string) =>
  [
    ...new Set(argumentsOf(parse(message, { ignoreTag: true })).map(({ name, kind }) => `${name}:${kind}`)),
  ].sort();

describe("the message files", () => {
  it.each(LOCALES)("%s: every message parses as ICU, with an `other` case in every plural", (locale) => {
    const broken = Object.entries(catalogs[locale]).filter(([, message]) => {
      try {
        parse(message, { ignoreTag: true, requiresOtherClause: true });
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toEqual([]);
  });

  it.each(LOCALES)("%s: has exactly the English ids, none empty", (locale) => {
    expect(Object.keys(catalogs[locale]).sort()).toEqual([...englishIds].sort());
    expect(Object.entries(catalogs[locale]).filter(([, message]) => message.trim() === "")).toEqual([]);
  });

  it.each(LOCALES)(
    "%s: every translation takes the English message's arguments, formatted the same way",
    (locale) => {
      const differing = englishIds
        .filter((id) => catalogs[locale][id] !== undefined)
        .map((id) => ({ id, english: signature(catalogs.en[id]!), own: signature(catalogs[locale][id]!) }))
        .filter(({ english, own }) => english.join() !== own.join());
      expect(differing).toEqual([]);
    },
  );

  it.each(LOCALES)("%s: every plural has exactly the language's CLDR categories", (locale) => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
    const wrong = Object.entries(catalogs[locale]).flatMap(([id, message]) =>
      pluralsOf(parse(message, { ignoreTag: true }))
        .map(({ name, options }) => ({ id, name, options: options.filter((o) => !o.startsWith("=")).sort() }))
        .filter(({ options }) => options.join() !== categories.join()),
    );
    expect(wrong).toEqual([]);
  });
});

describe("formatMessage", () => {
  beforeAll(async () => {
    for (const locale of LOCALES) await loadMessages(locale);
  });

  const count = (locale: Locale, id: MessageId, n: number) => formatMessage(locale, id, { n });

  it("chooses the Russian form for 1, 2, 5 and 21", () => {
    const forms = [1, 2, 5, 21].map((n) => count("ru", "contacts.conversationsCount", n));
    expect(forms).toEqual(["1 обращение", "2 обращения", "5 обращений", "21 обращение"]);
  });

  it("chooses the Polish form for 1, 2, 5 and 22", () => {
    const forms = [1, 2, 5, 22].map((n) => count("pl", "contacts.conversationsCount", n));
    expect(forms).toEqual(["1 rozmowa", "2 rozmowy", "5 rozmów", "22 rozmowy"]);
  });

  it("chooses the Latvian form for 0, 1, 2 and 21", () => {
    const forms = [0, 1, 2, 21].map((n) => count("lv", "contacts.conversationsCount", n));
    expect(forms).toEqual(["0 sarunas", "1 saruna", "2 sarunas", "21 saruna"]);
  });

  it("chooses the English form for 1 and 2", () => {
    expect(count("en", "contacts.conversationsCount", 1)).toBe("1 conversation");
    expect(count("en", "contacts.conversationsCount", 2)).toBe("2 conversations");
  });

  it("agrees several counts in one sentence", () => {
    expect(
      formatMessage("ru", "account.deactivatedResult", {
        name: "Ольга",
        sessions: 1,
        tokens: 3,
        conversations: 5,
      }),
    ).toBe("Ольга отключён: завершён 1 сеанс, отозвано 3 токена, в очередь возвращено 5 обращений.");
    expect(formatMessage("pl", "security.throttled", { seconds: 22 })).toBe(
      "Zbyt wiele nieudanych logowań. Spróbuj ponownie za 22 sekundy.",
    );
  });

  it("writes numbers the language's way", () => {
    expect(formatMessage("en", "common.characterCount", { used: 1200, max: 4096 })).toBe(
      "1,200/4,096 characters",
    );
    expect(formatMessage("ru", "common.characterCount", { used: 1200, max: 4096 })).toBe(
      "1\u00a0200/4\u00a0096 символов",
    );
    expect(formatMessage("lv", "common.reachValue", { reach: 15000 })).toBe("sasniedzamība 15\u00a0000");
  });

  it("writes times in the interface language", () => {
    const at = new Date(2026, 2, 2, 14, 5, 9);
    expect(formatMessage("ru", "channelHealth.waitingUntil", { time: at })).toBe(
      "Платформа попросила подождать: до 14:05:09 ничего не отправляется.",
    );
    expect(formatMessage("en", "channelHealth.waitingUntil", { time: at })).toBe(
      "The platform asked to wait: nothing is sent before 2:05:09 PM.",
    );
  });

  it("keeps apostrophes, inside a plural too, and shows angle brackets as text", () => {
    expect(formatMessage("en", "common.otherConversations")).toBe("This customer's conversations");
    expect(formatMessage("en", "contacts.hiddenConversations", { n: 1 })).toBe(
      "and 1 more in another team's inbox",
    );
    expect(formatMessage("en", "contacts.hiddenConversations", { n: 3 })).toBe(
      "and 3 more in other teams' inboxes",
    );
    expect(formatMessage("en", "playbook.fillIn", { names: "<b>{{name}}</b>" })).toBe(
      "Fill in before sending: <b>{{name}}</b>",
    );
  });

  it("leaves an argument the caller forgot as its placeholder instead of failing", () => {
    expect(formatMessage("en", "account.signedInAs")).toBe("Signed in as {email}");
  });
});
