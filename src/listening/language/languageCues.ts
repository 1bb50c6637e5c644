import type { ListeningLanguage } from "../listeningTypes.ts";
import { normalizeTerm } from "../normalize.ts";

/**
 * Cheap evidence that settles short texts where character n-grams alone are weak ("nie polecam", "gde moj
 * zakaz", "paldies!"): letters only one of our Latin-script languages uses, and frequent function words
 * and customer-service words. Words are folded the way `tokenize` folds text (lower case, no diacritics,
 * repeated letters collapsed), because people often type without diacritics on a phone.
 */

/** Letters that, in Latin script, point to one language of ours. */
export const LATIN_LETTERS: Readonly<Record<"pl" | "lv", RegExp>> = {
  pl: /[ąęłńśźżćó]/giu,
  lv: /[āēīūķļņģ]/giu,
};

/** Latin letters that belong to languages we do not listen in: Lithuanian, Czech, German, Nordic... */
export const FOREIGN_LATIN_LETTERS = /[ėųįěřůőűäöüßåøæñçãõ]/giu;

/** Cyrillic letters Russian does not use: Ukrainian, Belarusian, Serbian, Macedonian. */
export const FOREIGN_CYRILLIC_LETTERS = /[іїєґўђћџљњјѓќѕ]/giu;

/** Folds each word like `tokenize` does, so lists can be written with their diacritics. */
const words = (list: string): ReadonlySet<string> =>
  new Set(
    list
      .trim()
      .split(/\s+/)
      .map((word) => normalizeTerm(word)),
  );

/**
 * Frequent words per language, folded. Only words that are rare in the other three go here: "na", "do",
 * "to" are Polish and Russian-in-Latin alike and would only add noise; "i", "a" likewise.
 */
export const FUNCTION_WORDS: Readonly<Record<ListeningLanguage, ReadonlySet<string>>> = {
  // Russian written in Latin letters (transliterated or "translit"), as people do on a Latin keyboard.
  ru: words(`
 gde kogda pochemu pochemy chto shto chego kak kakoi kakoj eto eta etot vot uzhe uze uje esche eshe eshche
 moi moia moya moe moyo mne menia menya mnoi vy vas vam vashi vash ty tebe nas nam oni ego ee
 net tolko ochen ochenj vse vsio vsyo vsem nichego nikto nikogda mozhno mojno nado nuzhno
 hochu khochu hotel khotel privet zdravstvuite zdravstvuyte zdrastvuite dobryi dobryj den vecher spasibo
 pozhaluista pozhaluysta pojaluista pozhalusta zakaz zakaza zakazal zakazala dostavka dostavki dostavku
 kurer tovar tovara dengi deneg vernite vozvrat magazin kupil kupila prishel prishol prishla
 privezli otvet otvette otvette segodnia segodnya vchera zavtra nedeliu nedelyu khorosho horosho plokho
 ploho otlichno uzhasno zdes seichas sejchas potom bolshe bolshoe bilo byl byla budet 
 ballov skidka skidku rublei rublej pishu zhdu jdu
 `),
  pl: words(`
 nie jest sie się ze że czy jak gdzie kiedy dlaczego juz już jeszcze moje moja mnie mi wam
 wasz wasza panstwo państwo jestem bylo było byl był byla była bedzie będzie mam macie ktos ktoś nikt
 nic tylko bardzo dziekuje dziękuję dzieki dzięki prosze proszę dzien dzień dobry witam czesc cześć
 zamowienie zamówienie zamowienia zamówienia paczka paczki dostawa dostawy zwrot zwrotu pieniadze
 pieniądze sklep kupilem kupiłem kupilam kupiłam polecam odpowiedz odpowiedź teraz wczoraj jutro dzisiaj
 tydzien tydzień dni albo ale jednak przez dla oraz sa są tez też tego tej ten ta tym moze może mozna
 można trzeba chce chcę chcialem chciałem juz prosze wszystko zawsze nigdy znowu serio dobrze
 zle źle punkty punktow punktów karta
 `),
  lv: words(`
 ir nav un es man mans mana manu mani jus jūs jums jusu jūsu vai kur kad kapec kāpēc ka kā ko kas tas
 tie ari arī jau vel vēl tikai loti ļoti ludzu lūdzu paldies labdien sveiki sveika labrit
 pasutijums pasūtījums pasutijumu pasūtījumu pasutijuma pasūtījuma piegade piegāde piegades piegādes
 kurjers nauda naudu veikals veikala preci prece atbilde atbildiet atbildes sodien šodien vakar rit rīt
 nedela nedēļa nedelu nedēļu dienas diena bija bus būs esmu esam tad bet jo vairs nekas neviens
 nekad visu viss kada kāda kadu kādu gribu var varu varat jums seit šeit tur gaidu gaidīju atkal
 punktus punkti karte briniskigi brīnišķīgi labi slikti 
 `),
  en: words(`
 the is are were be been my your you i'm me we us our it its it's this that these those and or
 but not never where when why what how who which can could would should will wont dont doesnt didnt
 isnt wasnt cant have has had does did get got still yet just again please thanks thank hi hello hey
 order ordered delivery refund store shop money customer service support anyone nobody there here today
 yesterday tomorrow week days from with for of at in by about after before ever really very
 good great bad terrible awful love hate
 `),
};
