/**
 * Search parameters as plain strings (`?status=open&tab=sla`), not TanStack Router's default JSON values
 * (`?status=%22open%22`): links pasted in a team chat stay readable, and older links (`/?conversation=<id>`
 * in alert e-mails) keep their meaning.
 */
export type SearchValues = Record<string, string>;

export function parseSearch(searchString: string): SearchValues {
  const values: SearchValues = {};
  for (const [key, value] of new URLSearchParams(searchString)) values[key] = value;
  return values;
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The search values a page owns, with its defaults left out of the URL so that a bare link means "defaults". */
export function withoutDefaults<T extends object>(values: T, defaults: T): Partial<T> {
  const kept: Partial<T> = {};
  for (const key of Object.keys(values) as (keyof T)[]) {
    if (values[key] !== defaults[key]) kept[key] = values[key];
  }
  return kept;
}
