import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { router } from "./routing/router.tsx";

/**
 * Server state lives in TanStack Query's cache: pages that show the same data share one request, and a
 * change heard on the live stream refreshes what is on screen. Answers count as fresh for a few seconds so
 * that moving between views does not refetch what was just shown.
 */
const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 5_000, refetchOnWindowFocus: true, retry: 1 } },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
