/**
 * Latvian vulgarities and slurs, in the pattern language of wordPattern.ts (folded: ļ is l, ū is u). "sūds"
 * is left out: it is mild, and folded it is the English "suds". Verbs are listed with their prefixes rather
 * than searched inside words, so "pistole" and "pimple" stay clean.
 */

export const LV_PROFANITY: readonly string[] = [
  "*pizd*",
  "pimp(is|ja|im|i|ji|ju|jiem)",
  "mauk(a|as|ai|u|ām|ās|u)",
  "dirs(a|as|ai|u|ā|ām|ās|t|ties|is|ies)",
  "(sa|no|ap|ie|pie|iz|aiz)dirs*",
  "pist",
  "pisties",
  "(no|sa|iz|at|aiz|pie|uz)pist*",
  "pidar*",
  "pidaras*",
  // Slurs.
  "žīd(s|i|u|a|am|iem|os)",
  "nēģer(is|i|a|im|u|iem|e|es)",
];

export const LV_NOT_PROFANITY: readonly string[] = [];
