import { Link } from "@tanstack/react-router";
import { useDateTime } from "../account/useDateTime.ts";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { useApiData } from "../components/useApiData.ts";
import { type ChannelHealthPageKey, useChannelHealthPageT } from "./channelHealthPageI18n.ts";
import "./channelHealth.css";

interface Finding {
  key: string;
  severity: "error" | "warning" | "info";
  data?: Record<string, string | number | null>;
}

interface HealthAnswer {
  channel: { id: string; name: string; platform: string; status: string; webhookUrl: string };
  lastEventAt: string | null;
  lastReplyAt: string | null;
  pendingEvents: number;
  waitingReplies: number;
  unreadableEvents: { id: number; at: string; error: string | null }[];
  rejectedBodies: { id: number; at: string; reason: string }[];
  failedReplies: { id: number; at: string; status: string; error: string | null }[];
  ignoredEvents?: { kind: string; count: number }[];
  /** An RSS/Atom feed channel's polling state; absent or null for other channels. */
  feed?: {
    url: string;
    lastPolledAt: string | null;
    nextPollAt: string | null;
    itemsStored: number;
    itemsSkipped: number;
  } | null;
  findings: Finding[];
}

/**
 * One channel's health for its admin (Channels → Health): when it last heard the platform and last delivered a
 * reply, what waits, what failed, and for each finding what to do. Errors and reasons are platform text and
 * shown as plain text only.
 */
export function ChannelHealthPage({ channelId }: { channelId: string }) {
  const t = useChannelHealthPageT();
  const when = useDateTime();
  const { data, error } = useApiData<HealthAnswer>(`/api/channels/${channelId}/health`);
  if (error)
    return (
      <main className="page">
        <ErrorMessage error={error} />
      </main>
    );
  if (!data) return <main className="page">{t("loading")}</main>;
  const time = (iso: string | null) => (iso ? when(iso) : t("never"));
  const vars = (finding: Finding) =>
    Object.fromEntries(
      Object.entries(finding.data ?? {}).map(([k, v]) => [
        k,
        (k === "until" || k === "since") && typeof v === "string" ? when(v) : String(v ?? ""),
      ]),
    );
  return (
    <main className="page channel-health-page" data-testid="channel-health-page">
      <p>
        <Link to="/channels">{t("backToChannels")}</Link>
      </p>
      <h1>{t("healthTitle", { name: data.channel.name })}</h1>
      <dl className="health-figures">
        <div>
          <dt>{t("lastEventIn")}</dt>
          <dd data-testid="last-event-in">{time(data.lastEventAt)}</dd>
        </div>
        <div>
          <dt>{t("lastReplyOut")}</dt>
          <dd data-testid="last-reply-out">{time(data.lastReplyAt)}</dd>
        </div>
        <div>
          <dt>{t("eventsWaiting")}</dt>
          <dd>{data.pendingEvents}</dd>
        </div>
        <div>
          <dt>{t("repliesWaiting")}</dt>
          <dd>{data.waitingReplies}</dd>
        </div>
      </dl>
      <section aria-labelledby="health-findings">
        <h2 id="health-findings">{t("findings")}</h2>
        {data.findings.length === 0 ? (
          <p data-testid="health-all-well">{t("allWell")}</p>
        ) : (
          <ul className="health-findings">
            {data.findings.map((finding) => (
              <li
                key={finding.key}
                className={`finding ${finding.severity}`}
                data-testid={`finding-${finding.key}`}
              >
                <strong>{t(`finding_${finding.key}` as ChannelHealthPageKey, vars(finding))}</strong>
                <div>
                  {t("fix")}: {t(`fix_${finding.key}` as ChannelHealthPageKey, vars(finding))}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      {data.feed ? (
        <section aria-labelledby="health-feed" data-testid="health-feed">
          <h2 id="health-feed">{t("feedTitle")}</h2>
          <dl className="health-figures">
            <div>
              <dt>{t("feedAddress")}</dt>
              <dd>
                <code>{data.feed.url}</code>
              </dd>
            </div>
            <div>
              <dt>{t("feedLastPolled")}</dt>
              <dd>{time(data.feed.lastPolledAt)}</dd>
            </div>
            <div>
              <dt>{t("feedNextPoll")}</dt>
              <dd>{time(data.feed.nextPollAt)}</dd>
            </div>
            <div>
              <dt>{t("feedItemsStored")}</dt>
              <dd>{data.feed.itemsStored}</dd>
            </div>
            <div>
              <dt>{t("feedItemsSkipped")}</dt>
              <dd>{data.feed.itemsSkipped}</dd>
            </div>
          </dl>
        </section>
      ) : (
        <p className="small">
          {t("webhookUrl")}: <code>{data.channel.webhookUrl}</code>
        </p>
      )}
      <EventTable
        title={t("unreadableTitle")}
        rows={data.unreadableEvents.map((e) => ({ id: e.id, at: when(e.at), text: e.error ?? "" }))}
        headers={[t("when"), t("reason")]}
      />
      <EventTable
        title={t("rejectedTitle")}
        rows={data.rejectedBodies.map((e) => ({ id: e.id, at: when(e.at), text: e.reason }))}
        headers={[t("when"), t("reason")]}
      />
      {data.ignoredEvents && data.ignoredEvents.length > 0 ? (
        <section>
          <h2>{t("ignoredTitle")}</h2>
          <table className="health-events" data-testid="health-ignored">
            <thead>
              <tr>
                <th scope="col">{t("reason")}</th>
                <th scope="col">{t("count")}</th>
              </tr>
            </thead>
            <tbody>
              {data.ignoredEvents.map((e) => (
                <tr key={e.kind}>
                  <td>{t("ignoredKind", { kind: e.kind })}</td>
                  <td>{e.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <EventTable
        title={t("failedTitle")}
        rows={data.failedReplies.map((e) => ({
          id: e.id,
          at: when(e.at),
          text: `${e.status}: ${e.error ?? ""}`,
        }))}
        headers={[t("when"), t("state")]}
      />
    </main>
  );
}

function EventTable({
  title,
  rows,
  headers,
}: {
  title: string;
  rows: { id: number; at: string; text: string }[];
  headers: [string, string];
}) {
  if (rows.length === 0) return null;
  return (
    <section>
      <h2>{title}</h2>
      <table className="health-events">
        <thead>
          <tr>
            <th scope="col">{headers[0]}</th>
            <th scope="col">{headers[1]}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{row.at}</td>
              <td>{row.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
