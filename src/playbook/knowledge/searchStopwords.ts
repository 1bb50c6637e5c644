/**
 * Words that say nothing about which article answers a question, in normalized form (folded like
 * normalize.ts folds text: "może" → "moze", "kā" → "ka"). nlp.js has no Polish or Latvian list and its
 * Russian one lacks question words and courtesy formulas; left in, "здравствуйте, подскажите, когда..."
 * would count three uncovered words against every article and sink the bot's confidence on polite
 * customers. Kept to function words, question words, greetings and thanks: a domain word listed here could
 * never be searched for. The verbs of question idioms ("how long does it take", "сколько идёт",
 * "ile trwa", "cik ilgi notiek") are here too: the article answering them says "2–5 days", not "take".
 */

import { normalizeTerm } from "../../listening/normalize.ts";
import { isStopword } from "../../listening/variants/stemmers.ts";

const EXTRA = new Set(
  [
    // ru
    "а и но или да нет не ни же ли бы то это этот эта эти тот та те там тут здесь вот уже еще ещё",
    "я мы вы ты он она оно они меня мне мою моя мои мое моего моеи нас нам вас вам ваш ваша ваше ваши вашего",
    "как где когда куда откуда почему зачем сколько какой какая какое какие каким каких кто что чем чего",
    "можно нужно надо хочу хотим хотел хотела есть был была было были будет будут могу можете может",
    "здравствуите добрыи день вечер утро привет спасибо пожалуиста пожалуста подскажите скажите",
    "расскажите помогите уважаемые ребята идет идти будет делать сделать происходит занимает",
    // pl
    "a i o u w z na do od po za ze we ze sie to ten ta te tym tej tego jest sa byl byla bylo beda bedzie",
    "ja my wy ty on ona ono oni one mnie mi moj moja moje moich moim nas nam was wam wasz wasza wasze",
    "jak gdzie kiedy czy co ile dlaczego czemu skad dokad jaki jaka jakie jakim kto czego",
    "moge mozna mozecie moze chce chcialbym chcialabym trzeba musze prosze dzien dobry czesc witam",
    "dziekuje dzieki pozdrawiam powiedzcie powiedz trwa dlugo zrobic robic",
    // lv
    "un vai ar uz no par pie pec lidz ka ja bet ari tikai jau vel ne nav ir bija bus esmu esat ir",
    "es mes jus tu vins vina vini man mums jums tev mans mana manu mani manas musu jusu savs sava savu",
    "ka kur kad kapec kadel cik kas kurs kura kuru kads kada kadu kadi",
    "var varu varat gribu gribetu vajag labdien sveiki paldies ludzu pastastiet sakiet ilgi notiek tiek tiks darit",
    // en
    "hi hello hey thanks thank please tell know want wanted need guys dear will long take takes get",
  ]
    .join(" ")
    .split(" ")
    // Folded and with repeats collapsed like tokens are ("will" → "wil"), so lookups meet.
    .map(normalizeTerm),
);

/** Whether a normalized word is left out of the knowledge-base index and of queries. */
export function isSearchStopword(normalizedWord: string): boolean {
  return EXTRA.has(normalizedWord) || isStopword(normalizedWord);
}
