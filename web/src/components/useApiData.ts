import { useCallback, useEffect, useState } from "react";
import { api } from "../api.ts";

/**
 * GETs `path` on mount and again on demand. A failed reload keeps the last answer on screen, so a blip in the
 * connection does not empty a page; `data` stays undefined until the first answer, which pages read as "loading".
 */
export function useApiData<T>(path: string): {
  data: T | undefined;
  error: unknown;
  reload: () => Promise<void>;
} {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(
    () =>
      api<T>("GET", path).then(
        (answer) => {
          setData(answer);
          setError(null);
        },
        (err: unknown) => setError(err),
      ),
    [path],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, reload };
}
