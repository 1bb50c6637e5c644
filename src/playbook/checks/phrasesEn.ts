/** Bureaucratic, cold, arguing and blaming phrases of English replies, with plainer wordings (see phraseRule.ts). */

import { type PhraseRule, STEM } from "./phraseRule.ts";

const L = STEM;

export const EN_PHRASES: readonly PhraseRule[] = [
  {
    kind: "bureaucratic",
    pattern: "please\\s+be\\s+(?:advised|informed)(?:\\s+that)?",
    suggestion: "Just so you know,",
  },
  {
    kind: "bureaucratic",
    pattern: "kindly\\s+(?:note|be\\s+(?:advised|informed))(?:\\s+that)?",
    suggestion: "Just so you know,",
  },
  { kind: "bureaucratic", pattern: "kindly", suggestion: "please" },
  {
    kind: "bureaucratic",
    pattern: `as\\s+per\\s+(?:our|the)\\s+(?:\\p{L}+\\s+)?(?:polic(?:y|ies)|terms|rules|section|clause|conditions)(?:\\s*\\d+(?:\\.\\d+)*)?`,
    suggestion: "Under our returns policy… (say what it means in your own words)",
  },
  { kind: "bureaucratic", pattern: "as\\s+per", suggestion: "as / under" },
  { kind: "bureaucratic", pattern: "(?:pursuant\\s+to|in\\s+accordance\\s+with)", suggestion: "under" },
  { kind: "bureaucratic", pattern: "(?:with|in)\\s+(?:regard|reference|respect)\\s+to", suggestion: "about" },
  {
    kind: "bureaucratic",
    pattern: "(?:hereby|herewith|aforementioned|above-?mentioned|henceforth|heretofore)",
    suggestion: "this / now (or leave it out)",
  },
  { kind: "bureaucratic", pattern: "at\\s+this\\s+(?:point\\s+in\\s+)?time", suggestion: "now" },
  { kind: "bureaucratic", pattern: "prior\\s+to", suggestion: "before" },
  { kind: "bureaucratic", pattern: "in\\s+the\\s+event\\s+(?:that|of)", suggestion: "if" },
  {
    kind: "bureaucratic",
    pattern: "(?:it\\s+is\\s+not\\s+possible|we\\s+are\\s+(?:not\\s+able|unable)\\s+to)",
    suggestion: "we can't",
  },
  {
    kind: "bureaucratic",
    pattern: `(?:make|effect|process|submit)\\s+(?:a\\s+|the\\s+|your\\s+)?payment`,
    suggestion: "pay",
  },
  { kind: "bureaucratic", pattern: `utili[sz]${L}`, suggestion: "use" },
  { kind: "cold", pattern: "we\\s+regret\\s+to\\s+inform\\s+you(?:\\s+that)?", suggestion: "I'm sorry, but" },
  {
    kind: "cold",
    pattern: `your\\s+(?:request|complaint|inquiry|enquiry|ticket|case|claim)\\s+has\\s+been\\s+(?:registered|logged|received|recorded|forwarded)`,
    suggestion: "We've got your message and we're on it",
  },
  {
    kind: "cold",
    pattern: `(?:we\\s+)?(?:apologi[sz]e|are\\s+sorry)\\s+for\\s+(?:any|the)\\s+inconvenience(?:\\s+(?:caused|this\\s+(?:may\\s+have\\s+)?caused))?`,
    suggestion: "Sorry this happened — here's what we'll do:",
  },
  {
    kind: "cold",
    pattern: "(?:please\\s+)?await\\s+(?:further\\s+)?(?:contact|our\\s+(?:response|reply)|a\\s+response)",
    suggestion: "We'll get back to you by (when)",
  },
  {
    kind: "cold",
    pattern: "(?:the\\s+)?(?:relevant|appropriate|responsible)\\s+(?:department|team|party)",
    suggestion: "our (name) team, who'll reply by (when)",
  },
  {
    kind: "cold",
    pattern: "do\\s+not\\s+hesitate\\s+to\\s+contact\\s+us",
    suggestion: "Just message us here",
  },
  {
    kind: "arguing",
    pattern: `as\\s+(?:we|I)\\s+(?:have\\s+)?already\\s+(?:said|stated|mentioned|explained|told\\s+you|pointed\\s+out|written)|as\\s+(?:we|I)\\s+(?:have\\s+)?(?:said|stated|mentioned|explained|told\\s+you)\\s+(?:before|previously|earlier|several\\s+times|many\\s+times)|as\\s+(?:previously|already)\\s+(?:stated|mentioned|explained)`,
    suggestion: "To clarify:",
  },
  {
    kind: "arguing",
    pattern: "you\\s+(?:are|'re|’re)\\s+(?:wrong|mistaken|incorrect)",
    suggestion: "Let me explain how this works",
  },
  {
    kind: "arguing",
    pattern: `(?:please\\s+)?read\\s+(?:the\\s+\\p{L}+\\s+|it\\s+|our\\s+\\p{L}+\\s+)?(?:more\\s+)?carefully|(?:please\\s+)?carefully\\s+read`,
    suggestion: "Here's where it's explained: (link) — happy to walk you through it",
  },
  {
    kind: "blame",
    pattern: "you\\s+should\\s+have\\s+(?:read|checked|looked|contacted|known|noticed|kept)",
    suggestion: "Next time (tip) helps — for now, here's what we can do:",
  },
  {
    kind: "blame",
    pattern: `(?:it\\s+is|it's|it’s|this\\s+is)\\s+your\\s+(?:fault|responsibility|mistake)|due\\s+to\\s+your\\s+(?:error|mistake|negligence)`,
    suggestion: "this happened — let's fix it together",
  },
  {
    kind: "blame",
    pattern: "you\\s+(?:failed|neglected)\\s+to",
    suggestion: "we still need (what) — could you send it?",
  },
  {
    kind: "blame",
    pattern: "(?:that|this|it)\\s+is\\s+not\\s+our\\s+(?:fault|problem|responsibility)",
    suggestion: "Here's who can help: (courier / bank) — and I'll help you reach them",
  },
  {
    kind: "jargon",
    pattern: "(?:ticket\\s+(?:number|ID|no\\.?)|RMA|SKU|SLA)",
    suggestion: "reference number / return / product code — in plain words",
  },
  { kind: "jargon", pattern: `escalat${L}`, suggestion: "passed to a senior specialist" },
  {
    kind: "passive",
    pattern: `(?:is|are|was|were|has\\s+been|have\\s+been|had\\s+been|will\\s+be|be|being)\\s+(?!(?:often|even|then|when|seven|eleven|ten|green|between|open|been|red|need|interested|pleased|delighted|excited|located|based|tired|concerned|married|supposed|used|closed|open|sorry|glad|happy|able|unable|aware|welcome|allowed|required|entitled|qualified|advised|informed)\\b)\\p{L}+(?:ed|en)`,
    suggestion: 'active voice: "we sent", "we\'ll refund"',
  },
];
