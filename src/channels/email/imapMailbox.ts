import { createHash } from "node:crypto";
import { ImapFlow } from "imapflow";
import {
  type DeliveryError,
  PlatformRefusal,
  permanentError,
  retryableError,
} from "../../domain/deliveryError.ts";
import type { ChannelContext, PollResult, RawEventInput } from "../channelAdapter.ts";
import { DEFAULT_EMAIL_LIMITS, type EmailLimits, readEmail } from "./emailReader.ts";
import type { EmailSettings } from "./emailSettings.ts";

/**
 * Where fetching left off in one mailbox (RFC 3501 §2.3.1.1): UIDs only mean something under one UIDVALIDITY.
 * `at` is the internal date of the last mail fetched, where a resync after a UIDVALIDITY change starts from.
 */
export interface MailboxCursor {
  uidValidity: string;
  lastUid: number;
  at: string;
}

/** At most this many mails, or this many bytes, per poll: each batch is stored before the next is fetched. */
const BATCH_MAILS = 50;
const BATCH_BYTES = 50 * 1024 * 1024;
/** A new mailbox, or one whose UIDVALIDITY changed, is read back this far (Message-ID deduplicates the overlap). */
const RESYNC_DAYS = 1;

export function readCursor(cursor: string | null): MailboxCursor | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(cursor) as Partial<MailboxCursor>;
    if (
      typeof value.uidValidity === "string" &&
      typeof value.lastUid === "number" &&
      typeof value.at === "string"
    )
      return value as MailboxCursor;
  } catch {}
  return null;
}

interface Session {
  client: ImapFlow;
  settingsKey: string;
  /** Set by the server's EXISTS while we fetch or wait: new mail is there. */
  newMail: boolean;
  wake: (() => void) | null;
}

/**
 * One IMAP connection per mailbox this process polls, kept open between polls so the server can push EXISTS
 * during IDLE. The channel poller's lease makes this process the only one polling the mailbox.
 */
const sessions = new Map<string, Session>();

function settingsKeyOf(settings: EmailSettings): string {
  const { imapHost, imapPort, imapTls, imapUser, imapPassword, imapFolder } = settings;
  return createHash("sha256")
    .update(JSON.stringify([imapHost, imapPort, imapTls, imapUser, imapPassword, imapFolder]))
    .digest("hex");
}

export function imapClient(settings: EmailSettings): ImapFlow {
  return new ImapFlow({
    host: settings.imapHost,
    port: settings.imapPort,
    secure: settings.imapTls,
    auth: { user: settings.imapUser, pass: settings.imapPassword },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
  });
}

async function sessionFor(channel: ChannelContext<EmailSettings>): Promise<Session> {
  const key = settingsKeyOf(channel.settings);
  const existing = sessions.get(channel.id);
  if (existing && existing.settingsKey === key && existing.client.usable) return existing;
  if (existing) await endSession(channel.id);
  const client = imapClient(channel.settings);
  const session: Session = { client, settingsKey: key, newMail: false, wake: null };
  client.on("exists", () => {
    session.newMail = true;
    session.wake?.();
  });
  client.on("close", () => {
    if (sessions.get(channel.id) === session) sessions.delete(channel.id);
    session.wake?.();
  });
  client.on("error", () => {}); // Surfaces as a failed command below; the listener keeps it from crashing the process.
  await client.connect();
  await client.mailboxOpen(channel.settings.imapFolder, { readOnly: true });
  sessions.set(channel.id, session);
  return session;
}

export async function endSession(channelId: string): Promise<void> {
  const session = sessions.get(channelId);
  sessions.delete(channelId);
  if (!session) return;
  await session.client.logout().catch(() => session.client.close());
}

/**
 * One poll of a mailbox: the mails after the cursor's UID, read and returned with the cursor that follows them
 * (the poller stores both in one transaction, so none is skipped after a crash and none fetched twice); when
 * there is nothing new, waits in IDLE until the server announces mail or `idleSeconds` pass, whichever is
 * first, and the next poll looks again (the periodic resync that catches what IDLE missed).
 */
export async function pollMailbox(
  channel: ChannelContext<EmailSettings>,
  cursorText: string | null,
  signal: AbortSignal,
): Promise<PollResult> {
  const onAbort = () => void endSession(channel.id);
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    const session = await sessionFor(channel);
    session.newMail = false;
    const result = await fetchAfter(
      session.client,
      channel.settings,
      readCursor(cursorText),
      limitsOf(channel.settings),
    );
    if (result.events.length === 0 && !session.newMail && !signal.aborted)
      await idle(session, channel.settings.idleSeconds * 1000, signal);
    return result;
  } catch (err) {
    await endSession(channel.id);
    if (signal.aborted) return { events: [], nextCursor: cursorText };
    throw new PlatformRefusal(imapError(err));
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

function limitsOf(settings: EmailSettings): EmailLimits {
  return {
    maxMessageBytes: settings.maxMessageBytes ?? DEFAULT_EMAIL_LIMITS.maxMessageBytes,
    maxAttachmentBytes: settings.maxAttachmentBytes ?? DEFAULT_EMAIL_LIMITS.maxAttachmentBytes,
  };
}

async function fetchAfter(
  client: ImapFlow,
  settings: EmailSettings,
  cursor: MailboxCursor | null,
  limits: EmailLimits,
): Promise<PollResult> {
  // NOOP lets the server report what arrived since the last command (RFC 3501 §6.1.2) before we search.
  await client.noop();
  const mailbox = client.mailbox;
  if (!mailbox) throw new Error("No mailbox open");
  const uidValidity = String(mailbox.uidValidity);
  let uids: number[];
  if (cursor && cursor.uidValidity === uidValidity) {
    // "n:*" always matches the newest mail, even when its UID is below n: filtered below.
    uids = (await client.search({ uid: `${cursor.lastUid + 1}:*` }, { uid: true })) || [];
    uids = uids.filter((uid) => uid > cursor.lastUid);
  } else {
    // A new mailbox, or the server renumbered it: read back from where we were by date. Mails already stored
    // come again with the Message-ID they were stored under and are dropped by the raw events' unique key.
    const from = new Date((cursor ? Date.parse(cursor.at) : Date.now()) - RESYNC_DAYS * 86_400_000);
    uids = (await client.search({ since: from }, { uid: true })) || [];
  }
  uids.sort((a, b) => a - b);
  const startAt = cursor?.uidValidity === uidValidity ? cursor.at : new Date().toISOString();
  if (uids.length === 0) {
    const lastUid = cursor?.uidValidity === uidValidity ? cursor.lastUid : Math.max(0, mailbox.uidNext - 1);
    return { events: [], nextCursor: JSON.stringify({ uidValidity, lastUid, at: startAt }) };
  }
  const sizes = await client.fetchAll(
    uids.slice(0, BATCH_MAILS).join(","),
    { uid: true, size: true },
    { uid: true },
  );
  sizes.sort((a, b) => a.uid - b.uid);
  const batch: number[] = [];
  let bytes = 0;
  for (const mail of sizes) {
    if (batch.length > 0 && bytes + (mail.size ?? 0) > BATCH_BYTES) break;
    batch.push(mail.uid);
    bytes += mail.size ?? 0;
  }
  const events: RawEventInput[] = [];
  let lastUid = cursor?.uidValidity === uidValidity ? cursor.lastUid : 0;
  let at = startAt;
  for (const mail of await client.fetchAll(
    batch.join(","),
    { uid: true, source: true, internalDate: true },
    { uid: true },
  )) {
    if (!mail.source) continue;
    const receivedAt = mail.internalDate ? new Date(mail.internalDate) : new Date();
    events.push(
      await readEmail(
        mail.source,
        limits,
        { folder: settings.imapFolder, uidValidity, uid: mail.uid },
        receivedAt,
      ),
    );
    lastUid = Math.max(lastUid, mail.uid);
    if (receivedAt.toISOString() > at) at = receivedAt.toISOString();
  }
  return { events, nextCursor: JSON.stringify({ uidValidity, lastUid, at }) };
}

function idle(session: Session, ms: number, signal: AbortSignal): Promise<void> {
  // IDLE at once (imapflow would only start it after a quiet spell); the next command ends it.
  session.client.idle().catch(() => {});
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    timer.unref();
    signal.addEventListener("abort", done, { once: true });
    session.wake = done;
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      session.wake = null;
      resolve();
    }
  });
}

/** A failed IMAP session as the channel's health sees it: a refused login needs an admin; the rest is retried. */
export function imapError(err: unknown): DeliveryError {
  const e = (err ?? {}) as {
    authenticationFailed?: boolean;
    code?: string;
    responseText?: string;
    message?: string;
  };
  const text = (e.responseText ?? e.message ?? String(err)).slice(0, 500);
  if (e.authenticationFailed)
    return { ...permanentError("auth_failed", `IMAP login refused: ${text}`, true), status: "IMAP login" };
  return { ...retryableError("imap_unavailable", text), status: "IMAP connection" };
}
