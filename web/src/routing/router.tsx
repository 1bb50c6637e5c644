import { createRootRoute, createRoute, createRouter, redirect } from "@tanstack/react-router";
import { AppShell } from "./AppShell.tsx";
import { PageFailure, PageNotFound } from "./PageFailure.tsx";
import {
  AccountRoute,
  ChannelHealthRoute,
  ChannelsRoute,
  InboxRoute,
  ListeningRoute,
  PlaybookRoute,
  ReportsRoute,
  ReviewRoute,
  SettingsRoute,
} from "./pageRoutes.tsx";
import { parseSearch, stringifySearch } from "./searchParams.ts";

const rootRoute = createRootRoute({ component: AppShell });

/** `/` opens the inbox; `/?conversation=<id>` (the links in alert e-mails) opens that conversation. */
const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/",
  beforeLoad: ({ search }) => {
    const conversation = (search as Record<string, unknown>).conversation;
    if (typeof conversation === "string" && conversation)
      throw redirect({ to: "/inbox/$conversationId", params: { conversationId: conversation } });
    throw redirect({ to: "/inbox" });
  },
});

const inboxRoute = createRoute({ getParentRoute: () => rootRoute, path: "/inbox", component: InboxRoute });
/** A child without a component of its own: the inbox reads the id, so the list stays mounted while moving. */
const conversationRoute = createRoute({ getParentRoute: () => inboxRoute, path: "$conversationId" });
const channelsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/channels",
  component: ChannelsRoute,
});
/** One channel's health page, linked from its row on the channels page. */
const channelHealthRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/channels/$channelId",
  component: ChannelHealthRoute,
});
const listeningRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/listening",
  component: ListeningRoute,
});
const playbookRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/playbook",
  component: PlaybookRoute,
});
const reviewRoute = createRoute({ getParentRoute: () => rootRoute, path: "/review", component: ReviewRoute });
const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/settings",
  component: SettingsRoute,
});
const accountRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/account",
  component: AccountRoute,
});
/** E-mailed links: the app shell shows their pages (before and instead of signing in), not these routes. */
const acceptInviteRoute = createRoute({ getParentRoute: () => rootRoute, path: "/accept-invite" });
const resetPasswordRoute = createRoute({ getParentRoute: () => rootRoute, path: "/reset-password" });
const reportsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/reports",
  component: ReportsRoute,
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  inboxRoute.addChildren([conversationRoute]),
  channelsRoute,
  channelHealthRoute,
  listeningRoute,
  playbookRoute,
  reviewRoute,
  settingsRoute,
  reportsRoute,
  accountRoute,
  acceptInviteRoute,
  resetPasswordRoute,
]);

export const router = createRouter({
  routeTree,
  parseSearch,
  stringifySearch,
  defaultErrorComponent: PageFailure,
  defaultNotFoundComponent: PageNotFound,
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
