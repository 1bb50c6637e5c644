import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { api } from "../api.ts";

/**
 * GETs `path` through the shared query cache (its key is the path, so two components showing the same data
 * share one request) and again on demand. A failed reload keeps the last answer on screen, so a blip in the
 * connection does not empty a page; `data` stays undefined until the first answer, which pages read as "loading".
 */
export function useApiData<T>(path: string): {
  data: T | undefined;
  error: unknown;
  reload: () => Promise<void>;
} {
  // Shown at once from the cache when another view already has it, and asked again on every mount all the
  // same: settings forms must not edit a copy another tab's save has made stale.
  const query = useQuery({ queryKey: [path], queryFn: () => api<T>("GET", path), refetchOnMount: "always" });
  const { refetch } = query;
  const reload = useCallback(async () => {
    await refetch();
  }, [refetch]);
  return { data: query.data, error: query.error ?? null, reload };
}
