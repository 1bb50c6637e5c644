/**
 * Russian mat and slurs, in the pattern language of wordPattern.ts (folded: ё is е, й is и). Roots are
 * anchored wherever an innocent word hides them: "бля" opens a word (not "корабля", "употреблять"), the
 * "хуй" family starts a word or follows a verbal prefix (not "плохую", "застрахуй"), "еб" likewise (not
 * "хлебать", "небанальный", "себя", "вебинар"), "пидор" opens a word (not "скипидар"). Transliterated mat
 * is listed in Latin letters; all-Latin look-alikes ("cyka") are read as Cyrillic by candidateWords.ts.
 */

/** Verbal prefixes the "еб" root takes, hard sign and soft sign spellings both. */
const EB =
  "(|за|на|у|вы|от|по|при|до|про|пере|недо|не|съ|сь|подъ|подь|отъ|оть|въ|вь|объ|обь|разъ|разь|изъ|взъ|невъ)";
/** Prefixes (and the fused preposition "с") the "хуй" root takes: "нахуй", "охуеть", "нихуя", "схуя". */
const HUJ = "(|на|по|о|а|ни|за|от|до|рас|вы|под|пере|при|с|у)";

export const RU_PROFANITY: readonly string[] = [
  `${HUJ}ху(й|е|ё|я|ю)*`,
  "*пизд*",
  "*пёзд*",
  `${EB}еб(а|у|л|н|и|о|е|ь|ы)*`,
  `${EB}ёб(а|у|л|н|и|о|е|ь|ы)*`,
  "еб",
  "ёб",
  "йоб(а|н)*",
  "долбоёб*",
  "бля*",
  "*бляд*",
  "сук(а|и|е|у|ой|ам|ами|ах)",
  "сукин*",
  "сучар*",
  "сучк(а|у|ой)",
  "мудак*",
  "мудач*",
  "мудил*",
  "мудозвон*",
  "пидор*",
  "пидар*",
  "пидр*",
  "педераст*",
  "педик(|и|а|ов|ам|ами|у|ом|е)",
  "залуп*",
  "гандон*",
  "гондон*",
  "шлюх*",
  "шалав*",
  "манд(а|ы|е|у|ой)",
  "мандавош*",
  "*дроч*",
  // Slurs; the plain nouns they sound like stay out ("хачапури", "жидкий", "Нигер" has one г).
  "хач(|и|а|у|ей|ам|ами|ом|ик|ики|ика|иков)",
  "чурк(а|у|ой|ам|ами)",
  "жид(|ы|а|у|ом|ов|ам|ами)",
  "жидовк*",
  "жидяр*",
  "ниггер*",
  "черножоп*",
  // Transliterated.
  "blyat*",
  "blyad*",
  "bljat*",
  "bljad*",
  "blya",
  "suka",
  "*pizd*",
  "nahu(i|j|y)",
  "pohu(i|j|y)*",
  "huynya",
  "hujnja",
  "mudak*",
  "pidor*",
  "pidar*",
  "yoban*",
];

/** Innocent words the list above would catch: the buckle "бляха" (and its "бляха-муха"), the city nickname. */
export const RU_NOT_PROFANITY: readonly string[] = [
  "бляха",
  "бляхи",
  "бляхе",
  "бляху",
  "бляхой",
  "бляш*",
  "ебург*",
];
