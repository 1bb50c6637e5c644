import { useCallback, useEffect, useState } from "react";
import { api, type Channel, type ConversationSummary, type Me } from "./api.ts";
import { ConversationList, type ListFilter } from "./ConversationList.tsx";
import { ConversationView } from "./ConversationView.tsx";
import { type ChangeEvent, useLiveEvents, useT } from "./hooks.ts";
import { BulkBar } from "./inbox/BulkBar.tsx";
import { useInboxToolsT } from "./inbox/inboxToolsI18n.ts";
import { EMPTY_FILTER, SavedViews } from "./inbox/SavedViews.tsx";
import "./inbox/inbox.css";

export function InboxPage({ me, initialConversationId }: { me: Me; initialConversationId?: string | null }) {
  const t = useT();
  const tools = useInboxToolsT();
  const [filter, setFilter] = useState<ListFilter>(EMPTY_FILTER);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [items, setItems] = useState<ConversationSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(initialConversationId ?? null);
  // A notification clicked while the inbox is already open opens its conversation too.
  useEffect(() => {
    if (initialConversationId) setSelectedId(initialConversationId);
  }, [initialConversationId]);
  const [channels, setChannels] = useState<Channel[]>([]);
  const [changes, setChanges] = useState<ChangeEvent[]>([]);

  const query = useCallback(
    (cursor?: string) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
      if (cursor) params.set("cursor", cursor);
      return api<{ items: ConversationSummary[]; nextCursor: string | null }>(
        "GET",
        `/api/conversations?${params}`,
      );
    },
    [filter],
  );

  const reload = useCallback(async () => {
    const page = await query();
    setItems(page.items);
    // A selection is of what is on screen: conversations that left the list leave it too.
    const shown = new Set(page.items.map((item) => item.id));
    setSelected((current) => new Set([...current].filter((id) => shown.has(id))));
    setNextCursor(page.nextCursor);
  }, [query]);

  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => {
    api<{ items: Channel[] }>("GET", "/api/channels").then(
      (r) => setChannels(r.items),
      () => undefined,
    );
  }, []);

  useLiveEvents((events) => {
    void reload();
    setChanges(events);
  });

  async function loadMore() {
    if (!nextCursor) return;
    const page = await query(nextCursor);
    setItems((current) => [...current, ...page.items]);
    setNextCursor(page.nextCursor);
  }

  return (
    <div className="inbox">
      <ConversationList
        items={items}
        filter={filter}
        onFilter={setFilter}
        channels={channels}
        selectedId={selectedId}
        onSelect={setSelectedId}
        onLoadMore={nextCursor ? loadMore : null}
        selection={{
          ids: selected,
          onChange: setSelected,
          label: tools("select"),
          allLabel: tools("selectAll"),
        }}
        toolbar={
          <>
            <SavedViews filter={filter} onApply={setFilter} />
            <BulkBar selectedIds={[...selected]} onClear={() => setSelected(new Set())} onDone={reload} />
          </>
        }
      />
      {selectedId ? (
        <ConversationView
          key={selectedId}
          id={selectedId}
          me={me}
          changes={changes}
          onOpen={setSelectedId}
          onChanged={reload}
        />
      ) : (
        <section className="conversation empty">{t("selectConversation")}</section>
      )}
    </div>
  );
}
