/**
 * Where a chosen suggestion goes in the draft. Suggestions are found from what the agent is typing, so those
 * words were a search, not part of the answer: the paragraph being typed (after the last blank line) is replaced
 * by the suggestion, and whatever stands above a blank line (a greeting, an earlier suggestion) stays.
 * `untouchedSinceInsert` is true when the agent has typed nothing since the last suggestion went in: then there
 * are no search words, and the new one is added below as a paragraph of its own.
 */
export function draftWithSuggestion(
  draft: string,
  suggestion: string,
  untouchedSinceInsert: boolean,
): string {
  const trimmed = draft.trimEnd();
  if (untouchedSinceInsert) return trimmed ? `${trimmed}\n\n${suggestion}` : suggestion;
  const lastBreak = lastBlankLine(trimmed);
  const kept = lastBreak === -1 ? "" : trimmed.slice(0, lastBreak).trimEnd();
  return kept ? `${kept}\n\n${suggestion}` : suggestion;
}

/** The index where the last blank line (two line breaks, spaces between allowed) starts, or -1. */
function lastBlankLine(text: string): number {
  let found = -1;
  for (const match of text.matchAll(/\n[ \t]*\n/g)) found = match.index;
  return found;
}
