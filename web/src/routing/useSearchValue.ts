import { useNavigate, useSearch } from "@tanstack/react-router";
import { useCallback } from "react";

/**
 * A page's state kept in the URL's search (a tab, a filter, a topic): reload, Back and a shared link all
 * show the same view. The default is left out of the URL. Changing a value replaces the history entry only
 * when `replace` is asked for (typing in a search box), so Back steps through views, not keystrokes.
 */
export function useSearchValue<T extends string>(
  key: string,
  fallback: T,
  allowed?: readonly T[],
): [T, (next: T, options?: { replace?: boolean }) => void] {
  const search = useSearch({ strict: false }) as Record<string, unknown>;
  const navigate = useNavigate();
  const raw = search[key];
  const value =
    typeof raw === "string" && (!allowed || (allowed as readonly string[]).includes(raw))
      ? (raw as T)
      : fallback;
  const set = useCallback(
    (next: T, options?: { replace?: boolean }) => {
      void navigate({
        to: ".",
        search: ((previous: Record<string, unknown>) => ({
          ...previous,
          [key]: next === fallback ? undefined : next,
        })) as never,
        replace: options?.replace ?? false,
      });
    },
    [navigate, key, fallback],
  );
  return [value, set];
}
