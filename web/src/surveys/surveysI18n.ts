import { type TemplateVars, useNamespaceT } from "../hooks.ts";
import type { NamespaceKey } from "../messages.ts";

export type SurveysKey = NamespaceKey<"surveys">;

export function useSurveysT(): (key: SurveysKey, vars?: TemplateVars) => string {
  return useNamespaceT("surveys");
}
