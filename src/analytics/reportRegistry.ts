import type { ReportDefinition } from "./reportDefinition.ts";
import { backlog } from "./reports/backlog.ts";
import { botDeflection } from "./reports/botDeflection.ts";
import { reopenRate } from "./reports/reopenRate.ts";
import { firstResponseTime, handleTime, nextResponseTime, timeToClose } from "./reports/responseTimes.ts";
import { csat, nps } from "./reports/satisfaction.ts";
import { sentimentCorrections } from "./reports/sentimentCorrections.ts";
import { slaCompliance } from "./reports/slaCompliance.ts";
import { volumes } from "./reports/volumes.ts";

/** Every report, in the order the Reports page shows them. */
export const REPORTS: readonly ReportDefinition[] = [
  firstResponseTime,
  nextResponseTime,
  timeToClose,
  handleTime,
  reopenRate,
  slaCompliance,
  backlog,
  volumes,
  botDeflection,
  csat,
  nps,
  sentimentCorrections,
];

export const REPORT_IDS = REPORTS.map((r) => r.id) as [string, ...string[]];

export function reportById(id: string): ReportDefinition | undefined {
  return REPORTS.find((r) => r.id === id);
}
