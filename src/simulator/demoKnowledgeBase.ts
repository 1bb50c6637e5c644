/**
 * The demo shop's knowledge base: the sample articles (delivery times, returns, payment, store hours) and the
 * questions the demo's customers ask most (traffic/phrasebook.*.ts), answered the way a shop's FAQ answers
 * them, in the customers' own words. Without these the FAQ bot, which answers only when an article covers the
 * customer's words, had nothing it could answer with confidence and handed every conversation over.
 */

import { SAMPLE_ARTICLES, type SampleDocument } from "../playbook/knowledge/fixtures/sampleKnowledgeBase.ts";

type Topic =
  | "address"
  | "saturday"
  | "courierCall"
  | "receipt"
  | "exchange"
  | "returnPickup"
  | "bonusSpend"
  | "bonusCard"
  | "bonusSale"
  | "bonusTransfer"
  | "instalments"
  | "warranty";

const CATEGORY: Record<Topic, string | null> = {
  address: "delivery",
  saturday: "delivery",
  courierCall: "delivery",
  receipt: "returns",
  exchange: "returns",
  returnPickup: "returns",
  bonusSpend: "bonus",
  bonusCard: "bonus",
  bonusSale: "bonus",
  bonusTransfer: "bonus",
  instalments: "payment",
  warranty: "product_question",
};

type Article = { title: string; body: string; tags: string[] };

const RU: Record<Topic, Article> = {
  address: {
    title: "Как изменить адрес доставки",
    body: "Изменить адрес доставки можно, пока заказ не передан курьеру: в приложении откройте заказ и нажмите «Изменить адрес». Если кнопки уже нет, напишите нам номер заказа и новый адрес.",
    tags: ["адрес", "изменить", "поменять"],
  },
  saturday: {
    title: "Доставка в субботу и воскресенье",
    body: "Да, доставка работает и в субботу, и в воскресенье, с 9 до 21 часа. Выходной день можно выбрать при оформлении заказа.",
    tags: ["суббота", "выходные"],
  },
  courierCall: {
    title: "Курьер позвонит за час",
    body: "Курьер всегда звонит за час до приезда по номеру из заказа. Если нужен другой номер, укажите его в приложении в заказе.",
    tags: ["позвонить", "звонить", "звонок", "час", "номер", "перед", "приезд"],
  },
  receipt: {
    title: "Возврат без чека",
    body: "Чек не нужен, если потеряли: вернуть товар можно по заказу из приложения, заказ в приложении и есть электронный чек.",
    tags: ["чек", "потерять", "приложение"],
  },
  exchange: {
    title: "Обмен товара на другой цвет или модель",
    body: "Обменять товар на другой цвет или модель можно в течение 30 дней, если упаковка цела. Если новая модель дороже, доплатите разницу.",
    tags: [
      "обменять",
      "обмен",
      "товар",
      "другой",
      "цвет",
      "модель",
      "помощнее",
      "доплатить",
      "разница",
      "вскрывать",
    ],
  },
  returnPickup: {
    title: "Возврат через курьера",
    body: "Возврат можно отдать курьеру: он заберёт товар из дома бесплатно. Везти самому в магазин не нужно. Оформите возврат через курьера в приложении.",
    tags: ["курьер", "забрать", "везти", "самому"],
  },
  bonusSpend: {
    title: "Как потратить бонусы и сколько баллов можно списать",
    body: "Бонусы Nordmart Bonus списываются при оплате: в приложении в корзине включите «Списать баллы». За одну покупку можно списать до 30% суммы баллами, остальное оплатить картой.",
    tags: ["потратить", "списать", "баллы", "бонусы", "кнопка", "видеть", "оплатить", "часть", "картой"],
  },
  bonusCard: {
    title: "Как привязать бонусную карту к приложению",
    body: "Чтобы привязать бонусную карту, в приложении откройте «Профиль» → «Бонусная карта» и введите номер карты. Там же смотреть бонусы и баланс баллов.",
    tags: ["привязать", "бонусная", "карта", "смотреть", "где"],
  },
  bonusSale: {
    title: "Баллы за товары со скидкой",
    body: "На товары со скидкой баллы тоже начисляются, но по ставке 1% вместо обычных 3%.",
    tags: ["скидка", "начисляться", "акция"],
  },
  bonusTransfer: {
    title: "Передать баллы другому человеку",
    body: "Передать баллы мужу, жене или другу нельзя: баллы принадлежат одной карте. Зато две карты можно объединить в семейный счёт в приложении.",
    tags: ["передать", "муж", "две", "карты"],
  },
  instalments: {
    title: "Рассрочка без переплаты",
    body: "Рассрочка без переплаты на 6 или 12 месяцев есть на технику от 300 евро, например на телевизор. Оформляется при оплате заказа.",
    tags: ["рассрочка", "переплата", "телевизор"],
  },
  warranty: {
    title: "Гарантия на технику",
    body: "Гарантия на крупную технику (стиральную машину, холодильник, телевизор) — 2 года, на мелкую — 1 год. Гарантийный талон не нужен, хватит заказа.",
    tags: ["гарантия", "стиральная", "машина"],
  },
};

const PL: Record<Topic, Article> = {
  address: {
    title: "Jak zmienić adres dostawy",
    body: "Adres dostawy możesz zmienić, dopóki zamówienie nie trafi do kuriera: w aplikacji otwórz zamówienie i wybierz „Zmień adres”. Jeśli przycisku już nie ma, napisz nam numer zamówienia i nowy adres.",
    tags: ["adres", "zmienić"],
  },
  saturday: {
    title: "Dostawy w sobotę i niedzielę",
    body: "Tak, dostawy są także w sobotę i niedzielę, od 9 do 21. Dzień wybierasz przy składaniu zamówienia.",
    tags: ["sobota", "weekend"],
  },
  courierCall: {
    title: "Kurier zadzwoni godzinę wcześniej",
    body: "Kurier zawsze dzwoni godzinę przed przyjazdem na numer z zamówienia. Inny numer możesz podać w aplikacji.",
    tags: ["zadzwonić", "godzina", "wcześniej", "numer", "nr"],
  },
  receipt: {
    title: "Zwrot bez paragonu",
    body: "Paragon nie jest potrzebny, jeśli go zgubisz: zwrócić towar możesz z potwierdzeniem zamówienia z aplikacji, które jest paragonem elektronicznym.",
    tags: ["paragon", "zgubić", "potwierdzenie", "aplikacja", "zwrócić"],
  },
  exchange: {
    title: "Wymiana na inny kolor lub model",
    body: "Towar wymienisz na inny kolor lub mocniejszy model w ciągu 30 dni, jeśli opakowanie jest nieotwarte. Jeśli nowy model jest droższy, dopłacasz różnicę.",
    tags: ["wymienić", "wymiana", "inny", "kolor", "model", "mocniejszy", "różnica", "dopłacić", "otwierać"],
  },
  returnPickup: {
    title: "Zwrot przez kuriera",
    body: "Zwrot odbierze od ciebie kurier, bezpłatnie. Nie musisz sam zawieźć towaru do sklepu. Zamów kuriera do zwrotu w aplikacji.",
    tags: ["kurier", "zawieźć", "odebrać"],
  },
  bonusSpend: {
    title: "Jak wydać punkty i ile można wykorzystać",
    body: "Punkty Nordmart Bonus wydasz przy płatności: w aplikacji w koszyku wybierz przycisk „Użyj punktów”. Przy jednym zakupie można wykorzystać punkty do 30% kwoty, resztę zapłacić kartą.",
    tags: [
      "wydać",
      "wykorzystać",
      "punkty",
      "przycisk",
      "zakup",
      "widzieć",
      "zapłacić",
      "częściowo",
      "reszta",
      "karta",
    ],
  },
  bonusCard: {
    title: "Jak podpiąć kartę bonusową do aplikacji",
    body: "Kartę bonusową podepniesz w aplikacji: „Profil” → „Karta bonusowa”, wpisz numer karty. Tam też widać punkty i saldo.",
    tags: ["podpiąć", "karta", "bonusowa", "gdzie", "widać"],
  },
  bonusSale: {
    title: "Punkty za towary w promocji",
    body: "Za towary w promocji też są punkty, ale 1% zamiast zwykłych 3%.",
    tags: ["promocja", "punkty"],
  },
  bonusTransfer: {
    title: "Przeniesienie punktów na inną osobę",
    body: "Punktów nie można przenieść na męża, żonę ani znajomego: należą do jednej karty. Dwie karty można za to połączyć w konto rodzinne w aplikacji.",
    tags: ["przenieść", "mąż", "męża", "dwie", "karty", "mamy"],
  },
  instalments: {
    title: "Raty 0%",
    body: "Raty 0% na 10 lub 20 miesięcy są na sprzęt od 1000 zł, na przykład na telewizor. Wybierasz je przy płatności.",
    tags: ["raty", "telewizor"],
  },
  warranty: {
    title: "Gwarancja na sprzęt",
    body: "Gwarancja na duży sprzęt (pralkę, lodówkę, telewizor) to 2 lata, na mały — 1 rok. Karta gwarancyjna nie jest potrzebna, wystarczy zamówienie.",
    tags: ["gwarancja", "pralka"],
  },
};

const LV: Record<Topic, Article> = {
  address: {
    title: "Kā mainīt piegādes adresi",
    body: "Piegādes adresi var mainīt, kamēr pasūtījums nav nodots kurjeram: lietotnē atveriet pasūtījumu un izvēlieties “Mainīt adresi”. Ja pogas vairs nav, uzrakstiet mums pasūtījuma numuru un jauno adresi.",
    tags: ["adrese", "mainīt"],
  },
  saturday: {
    title: "Piegāde sestdienā un svētdienā",
    body: "Jā, piegāde strādā arī sestdienā un svētdienā, no 9 līdz 21. Dienu izvēlaties, noformējot pasūtījumu.",
    tags: ["sestdiena", "brīvdienas"],
  },
  courierCall: {
    title: "Kurjers piezvana stundu iepriekš",
    body: "Kurjers vienmēr piezvana stundu pirms ierašanās uz numuru no pasūtījuma. Citu tālruni varat norādīt lietotnē.",
    tags: ["piezvanīt", "piezvana", "stunda", "stundu", "iepriekš", "tālrunis", "tel"],
  },
  receipt: {
    title: "Atgriešana bez čeka",
    body: "Ja čeks pazudis, tas nav vajadzīgs: preci var atgriezt ar pasūtījumu no lietotnes, tas ir elektroniskais čeks.",
    tags: ["čeks", "pazust", "lietotne"],
  },
  exchange: {
    title: "Samainīt preci pret citu krāsu vai modeli",
    body: "Preci var samainīt pret citu krāsu vai jaudīgāku modeli 30 dienu laikā, ja iepakojums nav atvērts. Ja jaunais modelis ir dārgāks, piemaksājiet starpību.",
    tags: ["samainīt", "pret", "cita", "krāsa", "modelis", "jaudīgāks", "starpība", "piemaksāt", "atvērts"],
  },
  returnPickup: {
    title: "Atgriešana ar kurjeru",
    body: "Preci atpakaļ var nodot kurjeram, viņš to paņems bez maksas. Vest pašam uz veikalu nav jāved. Kurjeru atgriešanai pasūtiet lietotnē.",
    tags: ["kurjers", "nodot", "vest"],
  },
  bonusSpend: {
    title: "Kā izmantot punktus un cik var izmantot",
    body: "Nordmart Bonus punktus izmantojat, maksājot: lietotnē grozā nospiediet pogu “Izmantot punktus”. Vienā pirkumā var izmantot punktus līdz 30% no summas, pārējo samaksāt ar karti.",
    tags: ["izmantot", "punkti", "poga", "pirkums", "redzēt", "samaksāt", "daļa", "karte"],
  },
  bonusCard: {
    title: "Kā piesaistīt bonusa karti lietotnei",
    body: "Bonusa karti piesaistāt lietotnē: “Profils” → “Bonusa karte”, ievadiet kartes numuru. Tur arī redzēt punktus un atlikumu.",
    tags: ["piesaistīt", "bonusa", "karte", "redzēt", "kur"],
  },
  bonusSale: {
    title: "Punkti par akcijas precēm",
    body: "Par akcijas precēm punkti arī krājas, taču 1% parasto 3% vietā.",
    tags: ["akcija", "krāties", "punkti"],
  },
  bonusTransfer: {
    title: "Punktu pārskaitīšana citai personai",
    body: "Punktus nevar pārskaitīt vīram, sievai vai draugam: tie pieder vienai kartei. Divas kartes gan var apvienot ģimenes kontā lietotnē.",
    tags: ["pārskaitīt", "vīrs", "divas", "kartes"],
  },
  instalments: {
    title: "Nomaksa bez sadārdzinājuma",
    body: "Nomaksa bez sadārdzinājuma uz 6 vai 12 mēnešiem ir precēm no 300 eiro, piemēram, televizoram. To izvēlas apmaksas brīdī.",
    tags: ["nomaksa", "televizors", "ņemt"],
  },
  warranty: {
    title: "Garantija tehnikai",
    body: "Garantija lielajai tehnikai (veļas mašīnai, ledusskapim, televizoram) ir 2 gadi, mazajai — 1 gads. Garantijas talons nav vajadzīgs, pietiek ar pasūtījumu.",
    tags: ["garantija", "veļas", "mašīna"],
  },
};

const EN: Record<Topic, Article> = {
  address: {
    title: "How to change the delivery address",
    body: "You can change the delivery address until the order is handed to the courier: open the order in the app and tap “Change address”. If the button is gone, send us the order number and the new address.",
    tags: ["address", "change"],
  },
  saturday: {
    title: "Deliveries on Saturdays and Sundays",
    body: "Yes, we deliver on Saturdays and Sundays too, from 9 am to 9 pm. Pick the day when you place the order.",
    tags: ["saturday", "weekend", "deliver"],
  },
  courierCall: {
    title: "The courier calls an hour before",
    body: "The courier always calls an hour before arriving, on the number in the order. You can give another number in the app.",
    tags: ["call", "calls", "hour", "before", "coming", "number"],
  },
  receipt: {
    title: "Returns without a receipt",
    body: "Lost the receipt? You don't need it: you can return an item with the order from the app, which is your electronic receipt.",
    tags: ["receipt", "lost", "app"],
  },
  exchange: {
    title: "Swap an item for another colour or model",
    body: "You can swap an item for another colour or a more powerful model within 30 days if the box is unopened. If the new model costs more, pay the difference.",
    tags: ["swap", "exchange", "another", "colour", "model", "powerful", "pay", "difference", "opened"],
  },
  returnPickup: {
    title: "Returns picked up by the courier",
    body: "The courier can pick up a return from your home for free, so you don't have to bring it to a store yourself. Book the pickup in the app.",
    tags: ["courier", "pick", "bring"],
  },
  bonusSpend: {
    title: "How to use your points, and how many",
    body: "Use your Nordmart Bonus points when you pay: in the app, tap the “Use points” button in the basket. You can use points for up to 30% of one purchase and pay the rest by card.",
    tags: ["use", "points", "button", "purchase", "see", "pay", "partly", "rest", "card"],
  },
  bonusCard: {
    title: "How to link your bonus card to the app",
    body: "To link your bonus card, open “Profile” → “Bonus card” in the app and enter the card number. That is also where you see your points balance.",
    tags: ["link", "bonus", "card", "balance", "where", "see"],
  },
  bonusSale: {
    title: "Points on sale items",
    body: "Sale items earn points too, at 1% instead of the usual 3%.",
    tags: ["sale", "earn", "points"],
  },
  bonusTransfer: {
    title: "Transferring points to someone else",
    body: "Points can't be transferred to a husband, wife or friend: they belong to one card. Two cards can be joined in a family account in the app, though.",
    tags: ["transfer", "husband", "two", "cards"],
  },
  instalments: {
    title: "0% instalment plans",
    body: "0% instalment plans over 6 or 12 months are available for items from €300, TVs for example. Choose one when you pay.",
    tags: ["instalment", "plan", "tv"],
  },
  warranty: {
    title: "Warranty on appliances",
    body: "Large appliances (washing machine, fridge, TV) come with a 2-year warranty, small ones with 1 year. No warranty card needed, the order is enough.",
    tags: ["warranty", "washing", "machine"],
  },
};

const BY_LANGUAGE = { ru: RU, pl: PL, lv: LV, en: EN } as const;

const DEMO_EXTRA_ARTICLES: SampleDocument[] = Object.entries(BY_LANGUAGE).flatMap(([language, topics]) =>
  (Object.entries(topics) as [Topic, Article][]).map(([topic, article]) => ({
    id: `demo-${language}-${topic}`,
    kind: "article" as const,
    language,
    categoryKey: CATEGORY[topic],
    title: article.title,
    body: article.body,
    tags: article.tags,
  })),
);

/** The sample articles' topics in the words the demo's customers use for them. */
const SAMPLE_TAGS: Record<string, string[]> = {
  "ru-delivery": ["сколько", "дней", "идёт", "оплата", "отследить", "трек", "номер", "взять"],
  "ru-returns": ["дней", "понравиться", "передумать", "оформить", "вернуть", "подойти", "когда", "придут"],
  "ru-payment": ["наличными", "получение", "СБП", "картой", "способы"],
  "ru-hours": ["во сколько", "открываться", "работать", "праздники"],
  "pl-delivery": ["ile", "dni", "idzie", "opłacenie", "zamówienie", "śledzić", "numer", "przesyłka", "gdzie"],
  "pl-returns": ["dni", "spodobać", "rozmyślić", "oddać", "zrobić", "zwrócić", "kiedy", "wrócić"],
  "pl-payment": ["gotówka", "odbiór", "płacić", "zapłacić", "BLIK", "płatność", "karta", "przy", "metody"],
  "pl-hours": ["której", "otwierać", "otwarte", "święta"],
  "lv-delivery": ["cik", "dienu", "notiek", "apmaksa", "izsekot", "izsekošanas", "numurs", "kur"],
  "lv-returns": ["dienu", "pārdomāt", "atgriezt", "izdarīt", "neder", "kad", "atnākt"],
  "lv-payment": ["skaidrā", "naudā", "saņemot", "maksāt", "samaksāt", "Apple", "Pay", "veidi"],
  "lv-hours": ["cikos", "atvērti", "strādāt", "svētku", "dienās"],
  "en-delivery": ["days", "take", "payment", "track", "tracking", "number", "where"],
  "en-returns": ["days", "return", "changed", "mind", "start", "when", "get"],
  "en-payment": ["cash", "delivery", "pay", "Apple", "Pay", "methods", "take"],
  "en-hours": ["time", "open", "public", "holidays"],
};

export const DEMO_ARTICLES: readonly SampleDocument[] = [
  ...SAMPLE_ARTICLES.map((article) =>
    SAMPLE_TAGS[article.id]
      ? { ...article, tags: [...(article.tags ?? []), ...SAMPLE_TAGS[article.id]!] }
      : article,
  ),
  ...DEMO_EXTRA_ARTICLES,
];
