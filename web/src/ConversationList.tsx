import { type ReactNode, useContext } from "react";
import type { Channel, ConversationSummary } from "./api.ts";
import { Badge } from "./components/Badge.tsx";
import { LocaleContext, useT } from "./hooks.ts";
import { InboxFilters } from "./inbox/InboxFilters.tsx";
import type { ListFilter } from "./inbox/listFilter.ts";
import { useLocaleFormat } from "./localeFormat.ts";
import { SlaCountdown } from "./triage/SlaCountdown.tsx";
import { useTriageT } from "./triage/triageI18n.ts";

interface Props {
  items: ConversationSummary[];
  filter: ListFilter;
  onFilter: (filter: ListFilter) => void;
  channels: Channel[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onLoadMore: (() => void) | null;
  /** Checkboxes for bulk actions, when the inbox offers them. */
  selection?: {
    ids: ReadonlySet<string>;
    onChange: (ids: Set<string>) => void;
    label: string;
    allLabel: string;
  };
  /** Saved views and bulk actions, shown above the list. */
  toolbar?: ReactNode;
}

const STATUSES = ["", "new", "open", "pending", "resolved"] as const;

export function PlatformBadge({ platform }: { platform: string }) {
  return (
    <Badge className={`platform-${platform}`}>
      {(
        {
          vk: "VK",
          telegram: "TG",
          facebook: "FB",
          instagram: "IG",
          whatsapp: "WA",
          viber: "VB",
          email: "@",
        } as Record<string, string>
      )[platform] ?? platform.slice(0, 2).toUpperCase()}
    </Badge>
  );
}

export function ConversationList({
  items,
  filter,
  onFilter,
  channels,
  selectedId,
  onSelect,
  onLoadMore,
  selection,
  toolbar,
}: Props) {
  const t = useT();
  const tt = useTriageT();
  const format = useLocaleFormat();
  return (
    <aside className="list">
      <div className="tabs" role="tablist">
        {STATUSES.map((status) => (
          <button
            key={status || "all"}
            type="button"
            role="tab"
            aria-selected={filter.status === status}
            className={filter.status === status ? "active" : ""}
            onClick={() => onFilter({ ...filter, status })}
          >
            {status ? t(`status_${status}`) : t("statusAll")}
          </button>
        ))}
      </div>
      <div className="filters">
        <select
          aria-label={t("assignee")}
          value={filter.assignee}
          onChange={(e) => onFilter({ ...filter, assignee: e.target.value as ListFilter["assignee"] })}
        >
          <option value="">{t("assigneeAll")}</option>
          <option value="me">{t("assigneeMine")}</option>
          <option value="none">{t("assigneeNone")}</option>
        </select>
        <select
          aria-label={t("channels")}
          value={filter.channelId}
          onChange={(e) => onFilter({ ...filter, channelId: e.target.value })}
        >
          <option value="">{t("allChannels")}</option>
          {channels.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <select
          aria-label={tt("priority")}
          data-testid="priority-filter"
          value={filter.priority}
          onChange={(e) => onFilter({ ...filter, priority: e.target.value as ListFilter["priority"] })}
        >
          <option value="">{tt("allPriorities")}</option>
          {(["urgent", "high", "normal", "low"] as const).map((p) => (
            <option key={p} value={p}>
              {tt(`priority_${p}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={tt("sortBy")}
          data-testid="sort-select"
          value={filter.sort}
          onChange={(e) => onFilter({ ...filter, sort: e.target.value as ListFilter["sort"] })}
        >
          <option value="">{tt("sortActivity")}</option>
          <option value="due">{tt("sortDue")}</option>
        </select>
        <InboxFilters filter={filter} onFilter={onFilter} />
        <label className="small">
          <input
            type="checkbox"
            data-testid="queued-filter"
            checked={filter.queued === "true"}
            onChange={(e) => onFilter({ ...filter, queued: e.target.checked ? "true" : "" })}
          />{" "}
          {tt("queuedOnly")}
        </label>
        <input
          key={filter.q}
          type="search"
          data-testid="inbox-search"
          placeholder={t("search")}
          defaultValue={filter.q}
          onKeyDown={(e) => e.key === "Enter" && onFilter({ ...filter, q: e.currentTarget.value })}
        />
      </div>
      {toolbar}
      {selection && items.length > 0 && (
        <label className="small select-all">
          <input
            type="checkbox"
            data-testid="select-all"
            checked={items.every((c) => selection.ids.has(c.id))}
            onChange={(e) => selection.onChange(new Set(e.target.checked ? items.map((c) => c.id) : []))}
          />{" "}
          {selection.allLabel}
        </label>
      )}
      <ul data-testid="conversation-list">
        {items.length === 0 && <li className="muted">{t("noConversations")}</li>}
        {items.map((c) => (
          <li key={c.id} className={selection ? "selectable" : undefined}>
            {selection && (
              <input
                type="checkbox"
                data-testid="conversation-select"
                aria-label={`${selection.label}: ${c.contact.displayName}`}
                checked={selection.ids.has(c.id)}
                onChange={(e) => {
                  const next = new Set(selection.ids);
                  if (e.target.checked) next.add(c.id);
                  else next.delete(c.id);
                  selection.onChange(next);
                }}
              />
            )}
            <button
              type="button"
              data-testid="conversation-item"
              data-conversation-id={c.id}
              className={`item ${c.id === selectedId ? "selected" : ""} ${c.awaitingReply ? "unread" : ""}`}
              onClick={() => onSelect(c.id)}
            >
              <span className="row">
                <PlatformBadge platform={c.channel.platform} />
                <span className="name">
                  {c.visibility === "public" && !c.post && c.placeName ? c.placeName : c.contact.displayName}
                </span>
                {c.awaitingReply && (
                  <span className="dot" data-testid="unread-dot" role="img" aria-label={t("awaitingReply")} />
                )}
                <span className="time">{format.timeAgo(c.lastMessageAt)}</span>
              </span>
              {c.visibility === "public" && (
                <span className="place">{c.post?.text ? c.post.text.slice(0, 60) : c.placeName}</span>
              )}
              {/* The customer's last words (the brand's only while the customer has written none). */}
              <span className="preview" data-testid="conversation-preview">
                {c.lastMessagePreview}
              </span>
              <ConversationBadges conversation={c} />
            </button>
          </li>
        ))}
      </ul>
      {onLoadMore && (
        <button type="button" className="more" onClick={onLoadMore}>
          {t("loadMore")}
        </button>
      )}
    </aside>
  );
}

/** Priority, category and the SLA countdown, so the list itself says what to answer first. */
function ConversationBadges({ conversation }: { conversation: ConversationSummary }) {
  const t = useTriageT();
  const locale = useContext(LocaleContext);
  const category = conversation.category;
  const labels = conversation.labels;
  if (!category && conversation.priority === "normal" && conversation.sla.length === 0 && labels.length === 0)
    return null;
  return (
    <span className="badges">
      {conversation.priority !== "normal" && (
        <span className={`priority priority-${conversation.priority}`} data-testid="priority-badge">
          {t(`priority_${conversation.priority}`)}
        </span>
      )}
      {category && <span className="category">{category.names[locale] ?? category.name}</span>}
      {labels.map((label) => (
        <span key={label} className="label" data-testid="row-label">
          {label}
        </span>
      ))}
      {conversation.status !== "resolved" && <SlaCountdown clocks={conversation.sla} compact />}
    </span>
  );
}
