/**
 * Reads a customer's typed answer to a satisfaction survey. A message is a score only when nothing but the score
 * is in it (a number, a fraction, stars or a rating word, with thanks and filler around it); anything else is a
 * comment. "5 дней ждал" is a complaint about five days, not a five: a false score is worse than a lost one.
 */

export type SurveyKind = "csat" | "nps";

export type SurveyAnswer = { kind: "score"; score: number } | { kind: "comment" };

export const SCALES: Record<SurveyKind, { min: number; max: number }> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
};

/** Rating words on the CSAT scale (1–5), in ru/en/pl/lv; folded (lower case, ё → е). */
const WORD_LEVELS: Record<string, number> = {};
function words(level: number, list: string): void {
  for (const word of list.split(",")) WORD_LEVELS[word.trim()] = level;
}
words(
  5,
  "отлично,отличненько,превосходно,великолепно,прекрасно,замечательно,идеально,шикарно,супер,класс,восхитительно," +
    "excellent,great,perfect,amazing,awesome,fantastic,outstanding,superb,brilliant,wonderful," +
    "świetnie,swietnie,doskonale,znakomicie,rewelacja,rewelacyjnie,idealnie,wspaniale,super,extra,ekstra," +
    "lieliski,izcili,teicami,brīnišķīgi,briniskigi,perfekti,superīgi,ideāli",
);
words(4, "хорошо,good,nice,dobrze,labi");
words(
  3,
  "нормально,средне,сносно,терпимо,ok,okay,average,so-so,meh,fine,średnio,srednio,przeciętnie,przecietnie,normalnie,normāli,normali,viduvēji,viduveji,pieņemami",
);
words(2, "плохо,неважно,bad,poor,słabo,slabo,źle,zle,kiepsko,slikti,vāji,vaji");
words(
  1,
  "ужасно,отвратительно,кошмар,кошмарно,омерзительно,ужас,terrible,awful,horrible,dreadful,appalling,fatalnie,okropnie,tragicznie,beznadziejnie,koszmarnie,fatāli,briesmīgi,šausmīgi,drausmīgi,riebīgi,briesmigi,sausmigi",
);
/** Two-word phrases that are one rating. */
const PHRASES: Record<string, number> = {
  "так себе": 3,
  "tak sobie": 3,
  "tā neko": 3,
  "ta neko": 3,
  "not bad": 4,
  "не плохо": 4,
  неплохо: 4,
  nieźle: 4,
  niezle: 4,
  "nav slikti": 4,
  "не очень": 2,
  "not great": 2,
  "not good": 2,
  "nie bardzo": 2,
  "ne visai": 2,
};

const INTENSIFIERS = new Set([
  "очень",
  "оч",
  "весьма",
  "very",
  "really",
  "so",
  "bardzo",
  "ļoti",
  "loti",
  "ganz",
]);
const NEGATIONS = new Set(["не", "not", "nie", "ne", "nav"]);

/** Words that may surround a score without making it a comment: thanks, "I give", "rating", units. */
const FILLER = new Set(
  (
    "спасибо,большое,огромное,спс,благодарю,ставлю,оценка,оценку,моя,мой,даю,балл,балла,баллов,звезда,звезды,звезд,звёзд,звезду,из,на,все,всё,было,было," +
    "thanks,thank,you,thx,ty,i,give,rate,rating,my,score,is,it,was,out,of,points,point,stars,star,all,would,say," +
    "dzięki,dzieki,dziękuję,dziekuje,daję,daje,ocena,oceniam,moja,punktów,punktow,punkty,gwiazdki,gwiazdek,na,z,było,bylo,wszystko," +
    "paldies,liels,lielu,dodu,vērtējums,vertejums,mans,punkti,punktus,zvaigznes,zvaigznītes,no,bija,viss"
  ).split(","),
);

function fold(text: string): string {
  return text.toLowerCase().replace(/ё/g, "е").normalize("NFC");
}

/** Tokens of letters and digits (with "/" kept for fractions); punctuation and most emoji fall away. */
function tokens(text: string): string[] {
  return fold(text)
    .replace(/(\d+)\s*\/\s*(\d+)/g, "$1/$2")
    .split(/[^\p{L}\p{N}/-]+/u)
    .map((t) => t.replace(/^-+|-+$/g, ""))
    .filter((t) => t.length > 0);
}

function scaled(value: number, outOf: number, kind: SurveyKind): number | null {
  const { min, max } = SCALES[kind];
  if (!Number.isInteger(value) || value < 0 || value > outOf) return null;
  if (outOf === max) return value >= min ? value : null;
  // "8/10" on a five-point survey, "4/5" on NPS: the same share of the other scale, rounded half up.
  if (outOf !== 5 && outOf !== 10) return null;
  const score = Math.round((value / outOf) * max + 1e-9);
  return Math.min(max, Math.max(min, score));
}

function fromCsatLevel(level: number, kind: SurveyKind): number {
  if (kind === "csat") return level;
  // Words are coarse on an eleven-point scale: the middle of each band (promoters 9–10, passives 7–8).
  return [0, 0, 3, 6, 8, 10][level] ?? 0;
}

/** Parses one message as an answer to a survey of this kind. */
export function parseSurveyAnswer(text: string, kind: SurveyKind): SurveyAnswer {
  const comment: SurveyAnswer = { kind: "comment" };
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 80) return comment;

  const stars = [...trimmed.matchAll(/⭐|★|🌟/gu)].length;
  const withoutStars = trimmed.replace(/⭐|★|🌟|☆/gu, " ");

  const found: number[] = [];
  let intensified = false;
  let negated = false;
  const list = tokens(withoutStars);
  for (let i = 0; i < list.length; i++) {
    const token = list[i]!;
    const next = list[i + 1];
    const pair = next ? `${token} ${next}` : "";
    if (pair && PHRASES[pair] !== undefined) {
      found.push(fromCsatLevel(PHRASES[pair]!, kind));
      i += 1;
      continue;
    }
    if (PHRASES[token] !== undefined) {
      found.push(fromCsatLevel(PHRASES[token]!, kind));
      continue;
    }
    const fraction = /^(\d{1,2})\/(\d{1,2})$/.exec(token);
    if (fraction) {
      const score = scaled(Number(fraction[1]), Number(fraction[2]), kind);
      if (score === null) return comment;
      found.push(score);
      continue;
    }
    if (/^\d{1,3}$/.test(token)) {
      // "5 из 5", "8 out of 10", "4 na 5": a number followed by its scale.
      const after = list.slice(i + 1, i + 4);
      const scaleAt = after.findIndex((t) => /^\d{1,2}$/.test(t));
      const between = scaleAt > 0 ? after.slice(0, scaleAt) : [];
      if (scaleAt > 0 && between.every((t) => ["из", "of", "out", "na", "z", "no", "от"].includes(t))) {
        const score = scaled(Number(token), Number(after[scaleAt]), kind);
        if (score === null) return comment;
        found.push(score);
        i += scaleAt + 1;
        continue;
      }
      const value = Number(token);
      const { min, max } = SCALES[kind];
      if (value < min || value > max) return comment;
      found.push(value);
      continue;
    }
    if (WORD_LEVELS[token] !== undefined) {
      let level = WORD_LEVELS[token]!;
      if (negated) level = level >= 4 ? 2 : level <= 2 ? 4 : 2;
      else if (intensified) level = level === 4 ? 5 : level === 2 ? 1 : level;
      found.push(fromCsatLevel(level, kind));
      negated = false;
      intensified = false;
      continue;
    }
    if (INTENSIFIERS.has(token)) {
      intensified = true;
      continue;
    }
    if (NEGATIONS.has(token)) {
      negated = true;
      continue;
    }
    if (FILLER.has(token)) continue;
    // Any other word makes it something to read, not a number to count.
    return comment;
  }
  if (stars > 0 && kind === "csat" && stars <= 5) found.push(stars);
  const distinct = new Set(found);
  // "5, нет, 4" or "плохо 5": two different readings are not one answer.
  if (distinct.size !== 1) return comment;
  return { kind: "score", score: found[0]! };
}

/** Whether a choice payload or a score is within the survey's scale. */
export function isValidScore(score: number, kind: SurveyKind): boolean {
  const { min, max } = SCALES[kind];
  return Number.isInteger(score) && score >= min && score <= max;
}
