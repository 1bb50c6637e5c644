import { lazy, Suspense } from "react";
import { useAccountNavT } from "../account/accountNavI18n.ts";
import type { Me } from "../api.ts";
import { TabBar } from "../components/TabBar.tsx";
import { useSearchValue } from "../routing/useSearchValue.ts";
import { SignInThrottlesTab } from "../security/SignInThrottlesTab.tsx";
import { useSecurityT } from "../security/securityI18n.ts";
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

// Loaded when an admin opens the tab, with the account pages' strings.
const TeamMembersTab = lazy(() =>
  import("../account/TeamMembersTab.tsx").then((m) => ({ default: m.TeamMembersTab })),
);

const TABS = ["teams", "agents", "categories", "routing", "sla", "automation", "bot", "surveys"] as const;
/** Team members and sign-in security are for admins only; supervisors never see those tabs. */
const ADMIN_TABS = [...TABS, "members", "security"] as const;
type Tab = (typeof ADMIN_TABS)[number];

/** Supervisors and admins only: the top bar offers the page to nobody else, and the API refuses agents anyway. */
export function SettingsPage({ me }: { me: Me }) {
  const t = useSettingsT();
  const surveysT = useSurveysT();
  const accountNavT = useAccountNavT();
  const securityT = useSecurityT();
  const [tab, setTab] = useSearchValue<Tab>("tab", "teams", ADMIN_TABS);
  if (me.user.role === "agent") return null;
  return (
    <main className="page triage-settings">
      <TabBar
        tabs={me.user.role === "admin" ? ADMIN_TABS : TABS}
        active={tab}
        onChange={setTab}
        labelOf={(name) =>
          name === "surveys"
            ? surveysT("tab")
            : name === "members"
              ? accountNavT("teamMembersTab")
              : name === "security"
                ? securityT("tab")
                : t(`tab_${name}` as SettingsKey)
        }
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
      {tab === "members" && me.user.role === "admin" && (
        <Suspense fallback={null}>
          <TeamMembersTab me={me} />
        </Suspense>
      )}
      {tab === "security" && me.user.role === "admin" && <SignInThrottlesTab />}
    </main>
  );
}
