import { useEffect, useState } from "react";
import { api, type Me } from "../api.ts";
import { ArticlesTab } from "./ArticlesTab.tsx";
import { CannedRepliesTab } from "./CannedRepliesTab.tsx";
import type { Category } from "./playbookApi.ts";
import { usePlaybookT } from "./playbookI18n.ts";
import "./playbook.css";

type Tab = "canned" | "articles";
const TABS: readonly Tab[] = ["canned", "articles"];

export function PlaybookPage({ me }: { me: Me }) {
  const pt = usePlaybookT();
  const [tab, setTab] = useState<Tab>("canned");
  const [categories, setCategories] = useState<Category[]>([]);
  const canEdit = me.user.role !== "agent";
  useEffect(() => {
    api<{ items: Category[] }>("GET", "/api/playbook/categories").then(
      (r) => setCategories(r.items),
      () => undefined,
    );
  }, []);

  return (
    <main className="page playbook">
      <nav className="tabs" aria-label={pt("nav")}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            className={tab === name ? "active" : ""}
            aria-pressed={tab === name}
            data-testid={`playbook-tab-${name}`}
            onClick={() => setTab(name)}
          >
            {pt(`tab_${name}`)}
          </button>
        ))}
      </nav>
      {!canEdit && <p className="muted small">{pt("readOnly")}</p>}
      {tab === "canned" && <CannedRepliesTab canEdit={canEdit} categories={categories} />}
      {tab === "articles" && <ArticlesTab canEdit={canEdit} categories={categories} />}
    </main>
  );
}
