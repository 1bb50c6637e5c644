import type { PresentedAttachment } from "../../src/server/attachmentPresenter.ts";
import type { SlaClockView } from "../../src/server/conversationQueries.ts";
export interface ApiErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Machine-readable specifics, e.g. where in a query the parser stopped. */
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let csrfToken = "";

/**
 * Fired when the server no longer knows this browser's session (signed out elsewhere, password changed or reset,
 * account deactivated): the app returns to the sign-in page instead of failing request after request.
 */
export const SIGNED_OUT_EVENT = "parley:signed-out";
export function setCsrfToken(token: string | null): void {
  csrfToken = token ?? "";
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") headers["x-csrf-token"] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401 && !path.startsWith("/api/auth/")) window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as T | ApiErrorBody | null;
  if (!res.ok) {
    const error = (data as ApiErrorBody | null)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? "http_error",
      error?.message ?? `HTTP ${res.status}`,
      error?.details,
    );
  }
  return data as T;
}

export type Platform = "telegram" | "vk" | string;
export type Status = "new" | "open" | "pending" | "resolved";

export interface Me {
  user: { id: string; email: string; name: string; role: "admin" | "supervisor" | "agent"; locale: string };
  workspace: { id: string; name: string };
  csrfToken: string | null;
}

export interface ConversationSummary {
  id: string;
  channel: { id: string; name: string; platform: Platform };
  contact: { id: string; displayName: string; username: string | null };
  visibility: "public" | "private";
  status: Status;
  assignee: { id: string; name: string } | null;
  awaitingReply: boolean;
  lastMessagePreview: string;
  lastMessageAt: string;
  placeName: string | null;
  post: { externalId: string; text: string; permalink: string | null } | null;
  replyOptions: { public: boolean; private: boolean };
  maxTextLength: number;
  moderation: ModerationOperation[];
  replyWindow: {
    hours: number;
    afterwards: "human_agent_tag" | "templates_only" | "closed";
    lastInboundAt: string;
    closesAt: string;
    humanAgentClosesAt: string | null;
  } | null;
  privateReplyToComment: { days: number; alreadySent: boolean; closesAt: string } | null;
  /** Nothing can be sent in this thread: the customer unsubscribed from the account (Viber). */
  replyBlocked: { reason: "unsubscribed"; since: string } | null;
  /** A web mention: answered on its page, then recorded here (sitePage: the page, http(s) only). */
  answersOnSite: boolean;
  sitePage: string | null;
  teamId: string | null;
  team: { id: string; name: string } | null;
  category: {
    id: string;
    key: string;
    name: string;
    names: Record<string, string>;
    source: "rule" | "model" | "agent" | "automation" | null;
    confidence: number | null;
  } | null;
  priority: Priority;
  priorityReasons: { kind: string; detail?: string }[];
  prioritySetByAgent: boolean;
  language: string | null;
  sentiment: "negative" | "neutral" | "positive" | null;
  labels: string[];
  queuedAt: string | null;
  botHandedOverAt: string | null;
  sla: SlaClock[];
}

export type Priority = "low" | "normal" | "high" | "urgent";

/** One SLA clock as the server presents it; the browser counts down from dueAt itself. */
export type SlaClock = SlaClockView;

export type ModerationOperation = "hide" | "unhide" | "like" | "unlike" | "delete";

export interface MessageTemplate {
  name: string;
  language: string;
  category: string;
  status: string;
  body: string;
  parameterCount: number;
}

export interface Publication {
  id: number;
  text: string;
  status: string;
  externalId: string | null;
  error: string | null;
  createdAt: string;
}

/** An attachment as the API presents it: Parley's own address for the file, never the platform's. */
export type MessageAttachment = PresentedAttachment;

export interface Message {
  id: string;
  direction: "in" | "out" | "note";
  text: string;
  visibility: "public" | "private";
  author: { name: string; kind: "contact" | "agent" | "account" };
  sentAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  externalId: string | null;
  parentExternalId: string | null;
  attachments: MessageAttachment[];
  deliveryStatus: "received" | "queued" | "sending" | "delivered" | "read" | "failed" | "uncertain";
  deliveryError: string | null;
  hiddenAt: string | null;
  likedAt: string | null;
  reaction: string | null;
  moderationPending: ModerationOperation | null;
  moderationError: string | null;
  /** The agent answered on the site itself (a web mention) and recorded it; nothing was sent. */
  answeredOnSiteAt?: string | null;
  /** A customer message's mood as it stands; null for other messages and ones not judged yet. */
  sentiment: {
    label: Sentiment;
    judged: Sentiment | null;
    score: number | null;
    model: string | null;
    corrected: boolean;
  } | null;
}

export type Sentiment = "negative" | "neutral" | "positive";

export interface Channel {
  id: string;
  platform: Platform;
  name: string;
  settings: Record<string, unknown>;
  secretsSet: string[];
  status: "active" | "needs_reauth" | "disabled" | "paused";
  statusReason: string | null;
  /** Why the channel is paused or needs attention (rate_limited, platform_unavailable, blocked, auth_failed). */
  pausedReason?: string | null;
  /** When a paused channel is probed again. */
  pausedUntil?: string | null;
  /** Nothing is sent before this instant: the platform's own wait. */
  backoffUntil?: string | null;
  /** The last refusal as a status label ("Telegram 429"), never the platform's text. */
  lastErrorStatus?: string | null;
  webhookUrl: string;
  apiBaseUrl: string | null;
  capabilities: { publishing?: boolean; moderation?: ModerationOperation[] } | null;
}

export interface User {
  id: string;
  name: string;
  email: string;
  role: string;
}
