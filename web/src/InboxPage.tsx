import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams, useSearch } from "@tanstack/react-router";
import { useCallback, useEffect, useMemo, useState } from "react";
import { api, type Channel, type ConversationSummary, type Me } from "./api.ts";
import { ConversationList } from "./ConversationList.tsx";
import { ConversationView } from "./ConversationView.tsx";
import { ErrorMessage } from "./components/ErrorMessage.tsx";
import { type ChangeEvent, useLiveEvents, useT } from "./hooks.ts";
import { BulkBar } from "./inbox/BulkBar.tsx";
import { useInboxToolsT } from "./inbox/inboxToolsI18n.ts";
import { EMPTY_FILTER, type ListFilter, listQuery, toListFilter } from "./inbox/listFilter.ts";
import { SavedViews } from "./inbox/SavedViews.tsx";
import { withoutDefaults } from "./routing/searchParams.ts";
import { InboxShortcuts } from "./shortcuts/InboxShortcuts.tsx";
import { useShortcutCommand } from "./shortcuts/shortcutCommands.ts";
import "./inbox/inbox.css";

interface ConversationPage {
  items: ConversationSummary[];
  nextCursor: string | null;
}

export const CONVERSATIONS_QUERY = "conversations";

function fetchConversations(filter: ListFilter, cursor: string | undefined): Promise<ConversationPage> {
  const params = listQuery(filter);
  if (cursor) params.set("cursor", cursor);
  return api<ConversationPage>("GET", `/api/conversations?${params}`);
}

/**
 * The inbox: the list's filters live in the URL's search and the open conversation in its path
 * (`/inbox/<id>?status=open`), so reload, Back and a link shared in a team chat show the same view.
 */
export function InboxPage({ me }: { me: Me }) {
  const t = useT();
  const tools = useInboxToolsT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const search = useSearch({ strict: false }) as Record<string, unknown>;
  const filter = useMemo(() => toListFilter(search), [search]);
  const selectedId = (useParams({ strict: false }) as { conversationId?: string }).conversationId ?? null;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [changes, setChanges] = useState<ChangeEvent[]>([]);

  const setFilter = useCallback(
    (next: ListFilter) =>
      void navigate({ to: "/inbox", search: withoutDefaults(next, EMPTY_FILTER) as never }),
    [navigate],
  );
  const open = useCallback(
    (id: string) =>
      void navigate({
        to: "/inbox/$conversationId",
        params: { conversationId: id },
        search: ((previous: Record<string, string>) => previous) as never,
      }),
    [navigate],
  );

  // On a phone the list and the open conversation take turns on the screen: back shows the list, filters kept.
  const backToList = useCallback(
    () =>
      void navigate({
        to: "/inbox",
        search: ((previous: Record<string, string>) => previous) as never,
      }),
    [navigate],
  );

  const list = useInfiniteQuery({
    queryKey: [CONVERSATIONS_QUERY, filter],
    queryFn: ({ pageParam }) => fetchConversations(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // A new filter keeps the old rows on screen until its first page arrives, instead of flashing empty.
    placeholderData: keepPreviousData,
    // Live events keep the list current; this catches one lost on the way (a proxy, a stream reconnecting).
    refetchInterval: 15_000,
  });
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const channels =
    useQuery({
      queryKey: ["/api/channels"],
      queryFn: () => api<{ items: Channel[] }>("GET", "/api/channels"),
    }).data?.items ?? [];

  const reload = useCallback(
    () => queryClient.invalidateQueries({ queryKey: [CONVERSATIONS_QUERY] }),
    [queryClient],
  );
  // A selection is of what is on screen: conversations that left the list leave it too.
  useEffect(() => {
    const shown = new Set(items.map((item) => item.id));
    setSelected((current) => {
      const kept = [...current].filter((id) => shown.has(id));
      return kept.length === current.size ? current : new Set(kept);
    });
  }, [items]);

  // The app shell refreshes the list on every change; the open conversation reads the changes itself.
  useLiveEvents(setChanges);

  useShortcutCommand("search", () =>
    document.querySelector<HTMLInputElement>("[data-testid=inbox-search]")?.focus(),
  );
  const conversationIds = useMemo(() => items.map((item) => item.id), [items]);

  return (
    <div className={selectedId ? "inbox has-conversation" : "inbox"}>
      <InboxShortcuts conversationIds={conversationIds} openId={selectedId} onOpen={open} />
      <ConversationList
        items={items}
        filter={filter}
        onFilter={setFilter}
        channels={channels}
        selectedId={selectedId}
        onSelect={open}
        onLoadMore={list.hasNextPage ? () => void list.fetchNextPage() : null}
        selection={{
          ids: selected,
          onChange: setSelected,
          label: tools("select"),
          allLabel: tools("selectAll"),
        }}
        toolbar={
          <>
            <SavedViews me={me} filter={filter} onApply={setFilter} />
            {/* A stale link (a deleted team) is refused by name rather than shown as an empty inbox. */}
            <ErrorMessage error={list.error} data-testid="list-error" />
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
          onOpen={open}
          onBack={backToList}
          onChanged={reload}
        />
      ) : (
        <section className="conversation empty">{t("selectConversation")}</section>
      )}
    </div>
  );
}
