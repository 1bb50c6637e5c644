/**
 * Search parameters as plain strings (`?status=open&tab=sla`), not TanStack Router's default JSON values
 * (`?status=%22open%22`): links pasted in a team chat stay readable, and older links (`/?conversation=<id>`
 * in alert e-mails) keep their meaning. A parameter given more than once (`?label=vip&label=refund`) is read
 * as a list of strings, in the order given.
 */
export type SearchValues = Record<string, string | string[]>;

export function parseSearch(searchString: string): SearchValues {
  const values: SearchValues = {};
  for (const [key, value] of new URLSearchParams(searchString)) {
    const earlier = values[key];
    values[key] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
  }
  return values;
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one === undefined || one === null || one === "") continue;
      params.append(key, String(one));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** A search value that may repeat, as a list: absent is empty, once is a list of one. */
export function listOf(value: unknown): string[] {
  if (Array.isArray(value))
    return value.filter((one): one is string => typeof one === "string" && one !== "");
  return typeof value === "string" && value !== "" ? [value] : [];
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((one, i) => one === b[i]);
  return a === b;
}

/** The search values a page owns, with its defaults left out of the URL so that a bare link means "defaults". */
export function withoutDefaults<T extends object>(values: T, defaults: T): Partial<T> {
  const kept: Partial<T> = {};
  for (const key of Object.keys(values) as (keyof T)[]) {
    if (!sameValue(values[key], defaults[key])) kept[key] = values[key];
  }
  return kept;
}
