import { PlatformRefusal } from "../../domain/deliveryError.ts";
import type { ChannelContext } from "../channelAdapter.ts";
import { callX } from "./xHttp.ts";
import type { XSettings } from "./xSettings.ts";
import type { XRule } from "./xTypes.ts";

/** Rules Parley owns carry this tag; rules someone else added to the app are left alone. */
export const RULE_TAG = "parley";

function quoted(term: string): string {
  const clean = term.replace(/["\\]/g, " ").replace(/\s+/g, " ").trim();
  return /\s|[^\p{L}\p{N}_#@$]/u.test(clean) ? `"${clean}"` : clean;
}

/**
 * The stream rules for an account and the listening topics' terms: the account's handle (mentions and replies
 * to it) and the terms OR-ed together, packed into as few rules as the plan's rule length allows
 * (PLATFORMS.md §9.1: 512 / 1,024 / 2,048 characters). Reposts are left out: they carry no words of their own.
 */
export function desiredRules(username: string, terms: readonly string[], maxLength: number): string[] {
  const handle = username.replace(/^@/, "");
  const suffix = " -is:retweet";
  const rules = [`(@${handle} OR to:${handle})${suffix}`];
  const room = maxLength - suffix.length - 2;
  const unique = [...new Set(terms.map(quoted).filter((t) => t.length > 0 && t.length <= room))].sort();
  let group: string[] = [];
  const flush = () => {
    if (group.length > 0) rules.push(`(${group.join(" OR ")})${suffix}`);
    group = [];
  };
  for (const term of unique) {
    if ([...group, term].join(" OR ").length > room) flush();
    group.push(term);
  }
  flush();
  return rules;
}

export interface RulesDiff {
  add: string[];
  deleteIds: string[];
}

/** What to add and delete so that Parley's rules are exactly `wanted`; rules of others stay. */
export function diffRules(existing: readonly XRule[], wanted: readonly string[]): RulesDiff {
  const ours = existing.filter((r) => r.tag === RULE_TAG);
  const have = new Set(ours.map((r) => r.value));
  const want = new Set(wanted);
  return {
    add: wanted.filter((v) => !have.has(v)),
    deleteIds: ours.filter((r) => !want.has(r.value)).map((r) => r.id),
  };
}

/** GET the app's rules, then delete and add by the diff (two calls at most). Returns what changed. */
export async function syncStreamRules(
  channel: ChannelContext<XSettings>,
  terms: readonly string[],
): Promise<RulesDiff> {
  const existing: XRule[] = [];
  let token: string | undefined;
  do {
    const page = await callX<{ data?: XRule[]; meta?: { next_token?: string } }>(channel, {
      method: "GET",
      path: "2/tweets/search/stream/rules",
      query: { max_results: "1000", pagination_token: token },
      auth: "app",
    });
    if (!page.ok) throw new PlatformRefusal(page.error);
    existing.push(...(page.body?.data ?? []));
    token = page.body?.meta?.next_token;
  } while (token);
  const diff = diffRules(
    existing,
    desiredRules(channel.settings.username, terms, channel.settings.ruleMaxLength),
  );
  if (diff.deleteIds.length > 0) {
    const deleted = await callX(channel, {
      method: "POST",
      path: "2/tweets/search/stream/rules",
      body: { delete: { ids: diff.deleteIds } },
      auth: "app",
    });
    if (!deleted.ok) throw new PlatformRefusal(deleted.error);
  }
  if (diff.add.length > 0) {
    const added = await callX(channel, {
      method: "POST",
      path: "2/tweets/search/stream/rules",
      body: { add: diff.add.map((value) => ({ value, tag: RULE_TAG })) },
      auth: "app",
    });
    if (!added.ok) throw new PlatformRefusal(added.error);
  }
  return diff;
}
