import { listOf } from "../routing/searchParams.ts";

/** The languages triage detects in customers' words, as the list API's `language` filter accepts them. */
export const FILTER_LANGUAGES = ["en", "ru", "pl", "lv"] as const;
export type FilterLanguage = (typeof FILTER_LANGUAGES)[number];

const STATUSES = ["new", "open", "pending", "resolved"] as const;
const PRIORITIES = ["low", "normal", "high", "urgent"] as const;

/** The inbox list's filters, as the URL's search and a saved view hold them and the list API takes them. */
export interface ListFilter {
  status: "" | (typeof STATUSES)[number];
  assignee: string;
  channelId: string;
  teamId: string;
  categoryId: string;
  /** Conversations carrying every one of these labels. */
  label: string[];
  language: "" | FilterLanguage;
  priority: "" | (typeof PRIORITIES)[number];
  /** "true": only conversations waiting in a team queue for a free agent. */
  queued: "" | "true";
  /** "due": the conversation whose SLA clock is nearest its due time first. */
  sort: "" | "due";
  q: string;
}

export const EMPTY_FILTER: ListFilter = {
  status: "",
  assignee: "",
  channelId: "",
  teamId: "",
  categoryId: "",
  label: [],
  language: "",
  priority: "",
  queued: "",
  sort: "",
  q: "",
};

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | "" {
  return typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : "";
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/**
 * The list's filters from the URL's search or a saved view's filters. Keys the list does not offer are left
 * out, and a value outside a closed set (`?language=xx` from a mistyped link) reads as "any": the list shows
 * conversations rather than an error. Ids stay as given; the server names an unknown one.
 */
export function toListFilter(values: Record<string, unknown>): ListFilter {
  return {
    status: oneOf(values.status, STATUSES),
    assignee: text(values.assignee),
    channelId: text(values.channelId),
    teamId: text(values.teamId),
    categoryId: text(values.categoryId),
    label: [...new Set(listOf(values.label))],
    language: oneOf(values.language, FILTER_LANGUAGES),
    priority: oneOf(values.priority, PRIORITIES),
    queued: values.queued === "true" ? "true" : "",
    sort: values.sort === "due" ? "due" : "",
    q: text(values.q),
  };
}

/** The filters that differ from "everything": what a saved view stores and the list API is asked for. */
export function setFilters(filter: ListFilter): Record<string, string | string[]> {
  const set: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(filter) as [string, string | string[]][]) {
    if (Array.isArray(value) ? value.length > 0 : value !== "") set[key] = value;
  }
  return set;
}

/** The list API's query string for `filter`: a label filter repeats the parameter once per label. */
export function listQuery(filter: ListFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(setFilters(filter)))
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, one);
  return params;
}

/** Whether two filters ask for the same conversations (labels in any order). */
export function sameFilter(a: ListFilter, b: ListFilter): boolean {
  return (Object.keys(EMPTY_FILTER) as (keyof ListFilter)[]).every((key) => {
    const x = a[key];
    const y = b[key];
    if (Array.isArray(x) && Array.isArray(y))
      return x.length === y.length && x.every((one) => y.includes(one));
    return x === y;
  });
}
