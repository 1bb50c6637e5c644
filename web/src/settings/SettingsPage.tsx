import type { Me } from "../api.ts";
import { TabBar } from "../components/TabBar.tsx";
import { useSearchValue } from "../routing/useSearchValue.ts";
import { SurveySettingsTab } from "../surveys/SurveySettingsTab.tsx";
import { useSurveysT } from "../surveys/surveysI18n.ts";
import { AgentsTab } from "./AgentsTab.tsx";
import { AutomationTab } from "./AutomationTab.tsx";
import { BotSettingsTab } from "./BotSettingsTab.tsx";
import { CategoriesTab } from "./CategoriesTab.tsx";
import { RoutingTab } from "./RoutingTab.tsx";
import { SlaPoliciesTab } from "./SlaPoliciesTab.tsx";
import { type SettingsKey, useSettingsT } from "./settingsI18n.ts";
import { TeamsTab } from "./TeamsTab.tsx";
import "./settings.css";

const TABS = ["teams", "agents", "categories", "routing", "sla", "automation", "bot", "surveys"] as const;
type Tab = (typeof TABS)[number];

/** Supervisors and admins only: the top bar offers the page to nobody else, and the API refuses agents anyway. */
export function SettingsPage({ me }: { me: Me }) {
  const t = useSettingsT();
  const surveysT = useSurveysT();
  const [tab, setTab] = useSearchValue<Tab>("tab", "teams", TABS);
  if (me.user.role === "agent") return null;
  return (
    <main className="page triage-settings">
      <TabBar
        tabs={TABS}
        active={tab}
        onChange={setTab}
        labelOf={(name) => (name === "surveys" ? surveysT("tab") : t(`tab_${name}` as SettingsKey))}
        testIdPrefix="settings-tab"
      />
      {tab === "teams" && <TeamsTab />}
      {tab === "agents" && <AgentsTab />}
      {tab === "categories" && <CategoriesTab />}
      {tab === "routing" && <RoutingTab />}
      {tab === "sla" && <SlaPoliciesTab />}
      {tab === "automation" && <AutomationTab />}
      {tab === "bot" && <BotSettingsTab />}
      {tab === "surveys" && <SurveySettingsTab />}
    </main>
  );
}
