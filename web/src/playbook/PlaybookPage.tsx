import type { Me } from "../api.ts";
import { TabBar } from "../components/TabBar.tsx";
import { useApiData } from "../components/useApiData.ts";
import { useSearchValue } from "../routing/useSearchValue.ts";
import { ArticlesTab } from "./ArticlesTab.tsx";
import { CannedRepliesTab } from "./CannedRepliesTab.tsx";
import type { Category } from "./playbookApi.ts";
import { usePlaybookT } from "./playbookI18n.ts";
import "./playbook.css";

type Tab = "canned" | "articles";
const TABS: readonly Tab[] = ["canned", "articles"];

export function PlaybookPage({ me }: { me: Me }) {
  const pt = usePlaybookT();
  const [tab, setTab] = useSearchValue<Tab>("tab", "canned", TABS);
  const categories = useApiData<{ items: Category[] }>("/api/playbook/categories").data?.items ?? [];
  const canEdit = me.user.role !== "agent";

  return (
    <main className="page playbook">
      <TabBar
        tabs={TABS}
        active={tab}
        onChange={setTab}
        labelOf={(name) => pt(`tab_${name}`)}
        testIdPrefix="playbook-tab"
        ariaLabel={pt("nav")}
        showPressed
      />
      {!canEdit && <p className="muted small">{pt("readOnly")}</p>}
      {tab === "canned" && <CannedRepliesTab canEdit={canEdit} categories={categories} />}
      {tab === "articles" && <ArticlesTab canEdit={canEdit} categories={categories} />}
    </main>
  );
}
