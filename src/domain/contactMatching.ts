/**
 * When two contacts are probably one person. Pure rules: the facts each contact's identities and fields
 * give, normalised, and a score for each kind of agreement. A phone number or an e-mail address is nearly
 * proof; the same username on two platforms is strong (people reuse handles); the same full name is a
 * hint (many people are called Anna Kowalska), and one given name alone says nothing.
 */

export type MatchKind = "phone" | "email" | "username" | "name";

export interface ContactFacts {
  id: string;
  phones: string[];
  emails: string[];
  usernames: string[];
  names: string[];
}

export interface MatchReason {
  kind: MatchKind;
  value: string;
}

export interface MatchSuggestion {
  contactId: string;
  score: number;
  reasons: MatchReason[];
}

export const MATCH_WEIGHTS: Record<MatchKind, number> = { phone: 0.9, email: 0.9, username: 0.6, name: 0.4 };

/** Digits only, international prefix "00" or "+" dropped; fewer than 7 digits is not a phone number. */
export function normalizePhone(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const digits = raw.replace(/\D/gu, "").replace(/^00/u, "");
  return digits.length >= 7 && digits.length <= 15 ? digits : null;
}

export function normalizeEmail(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const email = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(email) ? email : null;
}

/** Handles compare without "@", case or surrounding dots and underscores; very short ones are too common. */
export function normalizeUsername(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const username = raw
    .trim()
    .toLowerCase()
    .replace(/^@/u, "")
    .replace(/^[._]+|[._]+$/gu, "");
  return username.length >= 4 ? username : null;
}

/**
 * A full name as a key: lower case, diacritics and "ё" folded, punctuation dropped, words sorted (platforms
 * put the family name first or last). A single word is no key: first names alone are shared by thousands.
 */
export function normalizeName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const words = raw
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replaceAll("ё", "е")
    .replaceAll("ł", "l")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2);
  return words.length >= 2 ? [...new Set(words)].sort().join(" ") : null;
}

export interface IdentityFacts {
  platform: string;
  externalId: string;
  username: string | null;
  displayName: string;
}

/** What one contact is known by, from its own fields and every identity it has on any platform. */
export function factsOf(
  contact: { id: string; displayName: string; phone: string | null; email: string | null },
  identities: IdentityFacts[],
): ContactFacts {
  const phones = [contact.phone];
  // A WhatsApp id is the person's phone number in international form, unless the person is known only by a
  // business-scoped user id ("LV.1502576394655843"), which is no phone number at all.
  for (const identity of identities)
    if (identity.platform === "whatsapp" && /^\d+$/.test(identity.externalId))
      phones.push(identity.externalId);
  return {
    id: contact.id,
    phones: uniq(phones.map(normalizePhone)),
    emails: uniq([normalizeEmail(contact.email)]),
    usernames: uniq(identities.map((identity) => normalizeUsername(identity.username))),
    names: uniq(
      [contact.displayName, ...identities.map((identity) => identity.displayName)].map(normalizeName),
    ),
  };
}

function uniq(values: (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))];
}

/** The reasons two contacts may be one person, strongest first, and their combined score (0 when none). */
export function compareContacts(a: ContactFacts, b: ContactFacts): { score: number; reasons: MatchReason[] } {
  const reasons: MatchReason[] = [];
  const shared = (kind: MatchKind, left: string[], right: string[]) => {
    const other = new Set(right);
    for (const value of left) if (other.has(value)) reasons.push({ kind, value });
  };
  shared("phone", a.phones, b.phones);
  shared("email", a.emails, b.emails);
  shared("username", a.usernames, b.usernames);
  shared("name", a.names, b.names);
  // Independent hints combine like probabilities: two weak agreements make a stronger one, never above 1.
  const kinds = new Set(reasons.map((reason) => reason.kind));
  let miss = 1;
  for (const kind of kinds) miss *= 1 - MATCH_WEIGHTS[kind];
  reasons.sort((x, y) => MATCH_WEIGHTS[y.kind] - MATCH_WEIGHTS[x.kind]);
  return { score: Math.round((1 - miss) * 1000) / 1000, reasons };
}

/** Ranks candidates for one contact, best first; the contact itself and dismissed pairs are left out. */
export function rankSuggestions(
  contact: ContactFacts,
  candidates: ContactFacts[],
  dismissed: ReadonlySet<string> = new Set(),
): MatchSuggestion[] {
  return candidates
    .filter((candidate) => candidate.id !== contact.id && !dismissed.has(candidate.id))
    .map((candidate) => ({ contactId: candidate.id, ...compareContacts(contact, candidate) }))
    .filter((suggestion) => suggestion.score > 0)
    .sort((x, y) => y.score - x.score || x.contactId.localeCompare(y.contactId));
}

/** The pair in a fixed order, so a dismissal is found whichever side it was dismissed from. */
export function orderedPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}
