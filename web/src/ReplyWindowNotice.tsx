import type { ConversationSummary } from "./api.ts";
import { useT } from "./hooks.ts";
import { useLocaleFormat } from "./localeFormat.ts";

export type WindowState = "open" | "human_agent" | "templates" | "closed";

/** Where a private chat stands in the platform's reply window, now. */
export function windowState(
  window: ConversationSummary["replyWindow"],
  now = Date.now(),
): WindowState | null {
  if (!window) return null;
  if (now < Date.parse(window.closesAt)) return "open";
  if (window.afterwards === "templates_only") return "templates";
  if (
    window.afterwards === "human_agent_tag" &&
    window.humanAgentClosesAt &&
    now < Date.parse(window.humanAgentClosesAt)
  )
    return "human_agent";
  return "closed";
}

/** Tells the agent what the platform will accept before they write: the 24-hour window, the 7-day comment rule. */
export function ReplyWindowNotice({
  conversation,
  visibility,
}: {
  conversation: ConversationSummary;
  visibility: "public" | "private";
}) {
  const t = useT();
  const at = useLocaleFormat().dateTime;
  const window = conversation.replyWindow;
  const state = windowState(window);
  if (window && state) {
    const text =
      state === "open"
        ? t("windowOpen", { until: at(window.closesAt) })
        : state === "human_agent"
          ? t("windowHumanAgent", { until: at(window.humanAgentClosesAt!) })
          : state === "templates"
            ? t("windowTemplates")
            : t("windowClosed");
    return (
      <p className={`window-notice ${state}`} data-testid="reply-window" data-state={state}>
        {text}
      </p>
    );
  }
  const rule = conversation.privateReplyToComment;
  if (rule && visibility === "private")
    return (
      <p className="window-notice" data-testid="private-reply-rule" data-used={rule.alreadySent}>
        {rule.alreadySent ? t("privateReplyUsed") : t("privateReplyOnce", { until: at(rule.closesAt) })}
      </p>
    );
  return null;
}
