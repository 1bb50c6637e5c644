/**
 * Everything the composer tells an agent about a reply while it is being written, in one pure call: personal
 * data that must not go into a public thread, wording that reads like a ministry letter, and canned replies
 * and articles that already answer the customer. The server route only loads the inputs.
 */

import { detectLanguage } from "../listening/language/detectLanguage.ts";
import { findPersonalData, type PersonalDataFinding } from "./checks/personalData.ts";
import { type AdviceLanguage, privateReplyAdvice } from "./checks/personalDataAdvice.ts";
import { checkPlainLanguage, type PlainLanguageIssue } from "./checks/plainLanguage.ts";
import { type Suggestion, suggestReplies } from "./knowledge/replySuggestions.ts";
import type { Playbook } from "./playbookIndex.ts";

export interface DraftInput {
  text: string;
  /** Where the reply would go. */
  visibility: "public" | "private";
}

export interface DraftConversation {
  /** The thread itself: a public comment thread or a private chat. */
  visibility: "public" | "private";
  language: string | null;
  categoryKey: string | null;
  /** The customer's latest message (empty when there is none). */
  customerMessage: string;
}

export interface DraftCheckResult {
  personalData: {
    findings: PersonalDataFinding[];
    /** What to do instead; set only when the reply would be public and carries personal data. */
    advice: string | null;
    /** The reply would be seen by everyone under the post. */
    publicThread: boolean;
  };
  plainLanguage: PlainLanguageIssue[];
  suggestions: Suggestion[];
}

const ADVICE_LANGUAGES: readonly AdviceLanguage[] = ["ru", "pl", "lv", "en"];
const SUGGESTIONS = 5;

/** The advice is written in the language of the conversation, so its example sentence can be sent as is. */
function adviceLanguageOf(conversationLanguage: string | null, draft: string): AdviceLanguage {
  const given = (conversationLanguage ?? "").toLowerCase().split(/[-_]/u)[0] as AdviceLanguage;
  if (ADVICE_LANGUAGES.includes(given)) return given;
  const detected = detectLanguage(draft).language;
  return detected === "other" ? "en" : detected;
}

export function draftCheck(
  playbook: Playbook,
  conversation: DraftConversation,
  draft: DraftInput,
): DraftCheckResult {
  // A private message to the customer may carry their own phone or address; only a public reply leaks it.
  const publicThread = draft.visibility === "public" && conversation.visibility === "public";
  const findings = findPersonalData(draft.text);
  return {
    personalData: {
      findings,
      advice: publicThread
        ? privateReplyAdvice(findings, adviceLanguageOf(conversation.language, draft.text))
        : null,
      publicThread,
    },
    plainLanguage: checkPlainLanguage(draft.text),
    suggestions: suggestReplies(
      playbook.index,
      playbook.docs,
      {
        draft: draft.text,
        customerMessage: conversation.customerMessage,
        ...(conversation.language ? { language: conversation.language } : {}),
        visibility: draft.visibility,
        categoryKey: conversation.categoryKey,
      },
      SUGGESTIONS,
    ),
  };
}
