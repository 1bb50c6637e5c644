/**
 * English obscenities and slurs, in the pattern language of wordPattern.ts. "cunt" is anchored to either end
 * of a word (not "Scunthorpe"), "ass" appears only in whole compounds (not "class", "assistant",
 * "assessment"), and names or objects that double as insults are left out ("dick", "cock", "pussy",
 * "prick"): on a brand's page they are more often Dickens, a rooster or a cat.
 */

export const EN_PROFANITY: readonly string[] = [
  "*fuck*",
  "*fck*",
  "fuk(|s|in|ing|ed|er|ers)",
  "phuck*",
  "*shit*",
  "cunt*",
  "*cunt",
  "*cunts",
  "*asshole*",
  "*arsehole*",
  "(dumb|jack|smart|bad|fat)ass(|es)",
  "asswipe*",
  "bitch(|es|y|ing|in|ed)",
  "*ofabitch",
  "dickhead*",
  "cocksuck*",
  "wank(|s|er|ers|ing|ed)",
  "twat(|s)",
  "whore*",
  "*whore(|s)",
  "slut*",
  // Slurs; runs are kept, so "Niger" and "niggardly" do not match.
  "nigger*",
  "nigga(|s|z)",
  "faggot*",
  "fag(|s)",
  "kike(|s)",
  "retard(|s)",
];

/** A Japanese mushroom, a Lincolnshire town. */
export const EN_NOT_PROFANITY: readonly string[] = ["shiitake*", "shitake*", "scunthorp*"];
