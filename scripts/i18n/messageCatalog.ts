/**
 * A locale's message file: a flat JSON object of "namespace.key" → ICU message, grouped by namespace. Merging
 * keeps what the file already says (a translator's wording, an ICU plural written by hand) and only adds ids
 * it lacks, each after the last id of its namespace, so running the conversion twice changes nothing.
 */
export type Catalog = Record<string, string>;

export interface MergeOutcome {
  catalog: Catalog;
  added: string[];
  /** Ids the file already had with other wording than the dictionary's: the file's wording is kept. */
  kept: { id: string; file: string; dictionary: string }[];
}

const namespaceOf = (id: string) => id.slice(0, id.indexOf("."));

export function mergeNamespace(
  catalog: Catalog,
  namespace: string,
  entries: Iterable<[string, string]>,
): MergeOutcome {
  const ids = Object.keys(catalog);
  const added: string[] = [];
  const kept: MergeOutcome["kept"] = [];
  const fresh: [string, string][] = [];
  for (const [key, message] of entries) {
    const id = `${namespace}.${key}`;
    const existing = catalog[id];
    if (existing === undefined) {
      fresh.push([id, message]);
      added.push(id);
    } else if (existing !== message) kept.push({ id, file: existing, dictionary: message });
  }
  if (fresh.length === 0) return { catalog, added, kept };
  const lastOfNamespace = ids.findLastIndex((id) => namespaceOf(id) === namespace);
  const insertAt =
    lastOfNamespace >= 0
      ? lastOfNamespace + 1
      : ids.findIndex((id) => namespaceOf(id).localeCompare(namespace, "en") > 0) === -1
        ? ids.length
        : ids.findIndex((id) => namespaceOf(id).localeCompare(namespace, "en") > 0);
  const ordered = [...ids.slice(0, insertAt).map((id) => [id, catalog[id]!] as [string, string])];
  ordered.push(...fresh, ...ids.slice(insertAt).map((id) => [id, catalog[id]!] as [string, string]));
  return { catalog: Object.fromEntries(ordered), added, kept };
}

/** A translation in the English file's order, so the files read side by side; ids English lacks go last. */
export function inEnglishOrder(catalog: Catalog, english: Catalog): Catalog {
  const ordered: [string, string][] = [];
  for (const id of Object.keys(english)) if (id in catalog) ordered.push([id, catalog[id]!]);
  for (const id of Object.keys(catalog)) if (!(id in english)) ordered.push([id, catalog[id]!]);
  return Object.fromEntries(ordered);
}

export function serializeCatalog(catalog: Catalog): string {
  return `${JSON.stringify(catalog, null, 2)}\n`;
}
