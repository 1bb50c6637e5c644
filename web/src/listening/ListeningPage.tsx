import { useCallback, useEffect, useState } from "react";
import { api, type Me } from "../api.ts";
import { useT } from "../hooks.ts";
import { useSearchValue } from "../routing/useSearchValue.ts";
import { AlertsList } from "./AlertsList.tsx";
import { ListeningSettingsForm } from "./ListeningSettingsForm.tsx";
import type { Topic } from "./listeningApi.ts";
import { MentionCharts } from "./MentionCharts.tsx";
import { MentionsFeed } from "./MentionsFeed.tsx";
import { TopicEditor } from "./TopicEditor.tsx";

const TABS = ["mentions", "topics", "charts", "alerts", "settings"] as const;
type Tab = (typeof TABS)[number];

export function ListeningPage({
  me,
  onOpenConversation,
}: {
  me: Me;
  onOpenConversation: (id: string) => void;
}) {
  const t = useT();
  const [tab, setTab] = useSearchValue<Tab>("tab", "mentions", TABS);
  const [topics, setTopics] = useState<Topic[]>([]);
  // The topic being edited is in the URL too (`?tab=topics&topic=<id>`), so a link opens its editor.
  const [editingId, setEditingId] = useSearchValue<string>("topic", "");
  const editing: Topic | "new" | null =
    editingId === "new" ? "new" : (topics.find((topic) => topic.id === editingId) ?? null);
  const setEditing = (next: Topic | "new" | null) =>
    setEditingId(next === null ? "" : next === "new" ? "new" : next.id);
  const canEdit = me.user.role !== "agent";
  const load = useCallback(
    () =>
      api<{ items: Topic[] }>("GET", "/api/listening/topics").then(
        (r) => setTopics(r.items),
        () => undefined,
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const tabs: Tab[] = canEdit
    ? ["mentions", "topics", "charts", "alerts", "settings"]
    : ["mentions", "charts", "alerts"];

  return (
    <main className="page listening">
      <nav className="tabs">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            className={tab === name ? "active" : ""}
            data-testid={`listening-tab-${name}`}
            onClick={() => setTab(name)}
          >
            {t(`listeningTab_${name}`)}
          </button>
        ))}
      </nav>
      {tab === "mentions" && <MentionsFeed topics={topics} onOpenConversation={onOpenConversation} />}
      {tab === "charts" && <MentionCharts />}
      {tab === "alerts" && <AlertsList topics={topics} onOpenConversation={onOpenConversation} />}
      {tab === "settings" && <ListeningSettingsForm />}
      {tab === "topics" && (
        <section className="topics">
          {editing ? (
            <TopicEditor
              topic={editing === "new" ? null : editing}
              onCancel={() => setEditing(null)}
              onSaved={() => {
                setEditing(null);
                void load();
              }}
            />
          ) : (
            <>
              <button
                type="button"
                className="primary"
                data-testid="add-topic"
                onClick={() => setEditing("new")}
              >
                {t("addTopic")}
              </button>
              <table className="topic-list">
                <tbody>
                  {topics.map((topic) => (
                    <tr key={topic.id} data-testid="topic-row">
                      <td>
                        <span className={`topic-chip ${topic.kind}`}>{t(`topicKind_${topic.kind}`)}</span>{" "}
                        {topic.name}
                      </td>
                      <td>
                        <code>{topic.query}</code>
                      </td>
                      <td>
                        <button type="button" onClick={() => setEditing(topic)}>
                          {t("edit")}
                        </button>{" "}
                        <button
                          type="button"
                          className="danger"
                          onClick={() => {
                            if (window.confirm(t("confirmDeleteTopic")))
                              void api("DELETE", `/api/listening/topics/${topic.id}`).then(load);
                          }}
                        >
                          {t("deleteTopic")}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      )}
    </main>
  );
}
