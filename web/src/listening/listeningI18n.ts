import { useDictionaryT } from "../hooks.ts";
import type { Locale } from "../i18n.ts";

const en = {
  aliases: "Other names",
  aliasesHelp:
    "The parent company and the products: each is found like a query term, with its forms and spellings; the query's exclusions apply to them too.",
  aliasPlaceholder: "e.g. Nordmart Group, NordPay",
  aliasKind_parent: "parent company",
  aliasKind_product: "product",
  addAlias: "Add",
  removeAlias: "Remove {text}",
  aliasEmpty: "Write a name first.",
  aliasTooLong: "At most {max} characters.",
  aliasDuplicate: "“{text}” is already on the list.",
  aliasTerm: "other name",
  variantKind_split: "written apart",
  variantKind_spoken: "abbreviation as spoken",
  variantKind_diminutive: "pet name",
};

type ListeningKey = keyof typeof en;

const ru: Record<ListeningKey, string> = {
  aliases: "Другие названия",
  aliasesHelp:
    "Материнская компания и продукты: каждое название ищется как слово запроса, со всеми формами и написаниями; исключения запроса действуют и для них.",
  aliasPlaceholder: "например, Nordmart Group, NordPay",
  aliasKind_parent: "материнская компания",
  aliasKind_product: "продукт",
  addAlias: "Добавить",
  removeAlias: "Удалить {text}",
  aliasEmpty: "Сначала напишите название.",
  aliasTooLong: "Не больше {max} символов.",
  aliasDuplicate: "«{text}» уже есть в списке.",
  aliasTerm: "другое название",
  variantKind_split: "раздельное написание",
  variantKind_spoken: "аббревиатура вслух",
  variantKind_diminutive: "ласкательное",
};

const pl: Record<ListeningKey, string> = {
  aliases: "Inne nazwy",
  aliasesHelp:
    "Spółka matka i produkty: każda nazwa jest wyszukiwana jak słowo zapytania, ze wszystkimi formami i zapisami; wykluczenia zapytania obowiązują także je.",
  aliasPlaceholder: "np. Nordmart Group, NordPay",
  aliasKind_parent: "spółka matka",
  aliasKind_product: "produkt",
  addAlias: "Dodaj",
  removeAlias: "Usuń {text}",
  aliasEmpty: "Najpierw wpisz nazwę.",
  aliasTooLong: "Najwyżej {max} znaków.",
  aliasDuplicate: "„{text}” już jest na liście.",
  aliasTerm: "inna nazwa",
  variantKind_split: "pisownia rozdzielna",
  variantKind_spoken: "skrót wymówiony",
  variantKind_diminutive: "zdrobnienie",
};

const lv: Record<ListeningKey, string> = {
  aliases: "Citi nosaukumi",
  aliasesHelp:
    "Mātes uzņēmums un produkti: katrs nosaukums tiek meklēts kā vaicājuma vārds, ar visām formām un rakstībām; vaicājuma izņēmumi attiecas arī uz tiem.",
  aliasPlaceholder: "piem., Nordmart Group, NordPay",
  aliasKind_parent: "mātes uzņēmums",
  aliasKind_product: "produkts",
  addAlias: "Pievienot",
  removeAlias: "Noņemt {text}",
  aliasEmpty: "Vispirms ierakstiet nosaukumu.",
  aliasTooLong: "Ne vairāk kā {max} rakstzīmes.",
  aliasDuplicate: "“{text}” jau ir sarakstā.",
  aliasTerm: "cits nosaukums",
  variantKind_split: "rakstīts atsevišķi",
  variantKind_spoken: "saīsinājums, kā izrunā",
  variantKind_diminutive: "mīlināmā forma",
};

const DICTIONARIES: Record<Locale, Record<ListeningKey, string>> = { en, ru, pl, lv };

export function useListeningT(): (key: ListeningKey, vars?: Record<string, string | number>) => string {
  return useDictionaryT(DICTIONARIES);
}

export function isListeningKey(key: string): key is ListeningKey {
  return key in en;
}
