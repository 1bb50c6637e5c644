import { useNavigate, useParams } from "@tanstack/react-router";
import { lazy, Suspense, useCallback } from "react";
import { InboxPage } from "../InboxPage.tsx";
import { useMe } from "./session.ts";

// The inbox is where agents land, so it ships in the first bundle; every other page is fetched when opened.
const ChannelsPage = lazy(() => import("../ChannelsPage.tsx").then((m) => ({ default: m.ChannelsPage })));
const ListeningPage = lazy(() =>
  import("../listening/ListeningPage.tsx").then((m) => ({ default: m.ListeningPage })),
);
const PlaybookPage = lazy(() =>
  import("../playbook/PlaybookPage.tsx").then((m) => ({ default: m.PlaybookPage })),
);
const ReviewPage = lazy(() => import("../triage/ReviewPage.tsx").then((m) => ({ default: m.ReviewPage })));
const SettingsPage = lazy(() =>
  import("../settings/SettingsPage.tsx").then((m) => ({ default: m.SettingsPage })),
);
const AccountPage = lazy(() =>
  import("../account/AccountPage.tsx").then((m) => ({ default: m.AccountPage })),
);
const ChannelHealthPage = lazy(() =>
  import("../channels/ChannelHealthPage.tsx").then((m) => ({ default: m.ChannelHealthPage })),
);
const ReportsPage = lazy(() =>
  import("../reports/ReportsPage.tsx").then((m) => ({ default: m.ReportsPage })),
);

/** Notifications, the review queue, listening and alerts all open a conversation by its URL. */
export function useOpenConversation(): (id: string) => void {
  const navigate = useNavigate();
  return useCallback(
    (id: string) => void navigate({ to: "/inbox/$conversationId", params: { conversationId: id } }),
    [navigate],
  );
}

export function InboxRoute() {
  return <InboxPage me={useMe()} />;
}

export function ChannelsRoute() {
  const me = useMe();
  return (
    <Suspense fallback={null}>
      <ChannelsPage me={me} />
    </Suspense>
  );
}

export function ChannelHealthRoute() {
  const { channelId } = useParams({ from: "/channels/$channelId" });
  return (
    <Suspense fallback={null}>
      <ChannelHealthPage channelId={channelId} />
    </Suspense>
  );
}

export function ListeningRoute() {
  const me = useMe();
  const open = useOpenConversation();
  return (
    <Suspense fallback={null}>
      <ListeningPage me={me} onOpenConversation={open} />
    </Suspense>
  );
}

export function PlaybookRoute() {
  const me = useMe();
  return (
    <Suspense fallback={null}>
      <PlaybookPage me={me} />
    </Suspense>
  );
}

export function ReviewRoute() {
  const me = useMe();
  const open = useOpenConversation();
  return (
    <Suspense fallback={null}>
      <ReviewPage me={me} onOpenConversation={open} />
    </Suspense>
  );
}

export function SettingsRoute() {
  const me = useMe();
  return (
    <Suspense fallback={null}>
      <SettingsPage me={me} />
    </Suspense>
  );
}

export function ReportsRoute() {
  const me = useMe();
  return (
    <Suspense fallback={null}>
      <ReportsPage me={me} />
    </Suspense>
  );
}

export function AccountRoute() {
  const me = useMe();
  return (
    <Suspense fallback={null}>
      <AccountPage me={me} />
    </Suspense>
  );
}
