/** The pages of the top bar, each with its path; a page's test id is `${page}-link`. */
export const PAGE_PATHS = {
  inbox: "/inbox",
  listening: "/listening",
  playbook: "/playbook",
  review: "/review",
  reports: "/reports",
  settings: "/settings",
  channels: "/channels",
  account: "/account",
} as const;
export type Page = keyof typeof PAGE_PATHS;

/** The page a path belongs to: `/inbox/<id>` is the inbox. */
export function pageOf(pathname: string): Page {
  const found = (Object.entries(PAGE_PATHS) as [Page, string][]).find(
    ([, path]) => pathname === path || pathname.startsWith(`${path}/`),
  );
  return found?.[0] ?? "inbox";
}
