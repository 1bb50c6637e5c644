import { api } from "../api.ts";
import { useApiData } from "./useApiData.ts";
import { useRequest } from "./useRequest.ts";

export interface RecordList<T, A> {
  items: T[];
  /** The whole answer, for lists that come with more than their items (warnings, totals, links). */
  answer: A | undefined;
  /** A failed change, or else a failed load. */
  error: unknown;
  /** A failed change only, for pages where an empty list says enough when loading fails. */
  actionError: unknown;
  reload: () => Promise<void>;
  /** Sends a change and reloads either way: after a refusal the list shows what the server really holds. */
  act: (request: () => Promise<unknown>) => Promise<void>;
  remove: (id: string) => Promise<void>;
}

const NO_ITEMS: never[] = [];

/** A list loaded from `path`, whose records are changed in place and deleted at `path/id`. */
export function useRecordList<T, A extends { items: T[] } = { items: T[] }>(path: string): RecordList<T, A> {
  const { data, error, reload } = useApiData<A>(path);
  const action = useRequest();
  const act = async (request: () => Promise<unknown>) => {
    await action.run(request);
    await reload();
  };
  return {
    items: data?.items ?? NO_ITEMS,
    answer: data,
    error: action.error ?? error,
    actionError: action.error,
    reload,
    act,
    remove: (id) => act(() => api("DELETE", `${path}/${id}`)),
  };
}
