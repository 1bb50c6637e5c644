/**
 * Whether a customer's latest message may change what the conversation is about. An agent's or a rule's
 * category stands; otherwise the surer reading wins. Praise is the exception: it says how the customer feels,
 * not what the case is, so a closing "Спасибо, всё решили!" after a complaint or a delivery question leaves the
 * case a complaint or a delivery question (reports and routing keep counting it as what it was). Praise only
 * names a conversation that had no category yet: one that opened with a thank-you.
 */
export const PRAISE_CATEGORY = "praise";

export interface CurrentCategory {
  key: string | null;
  source: string | null;
  confidence: number | null;
}

export function mayRecategorize(
  current: CurrentCategory,
  next: { categoryKey: string; confidence: number },
): boolean {
  if (current.source === "agent" || current.source === "automation") return false;
  if (current.key === null) return true;
  if (next.categoryKey === PRAISE_CATEGORY && current.key !== PRAISE_CATEGORY) return false;
  return next.confidence >= (current.confidence ?? 0);
}
