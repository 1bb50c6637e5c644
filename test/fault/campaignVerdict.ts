import type { CampaignPlatform } from "./campaignPlatforms.ts";

/** What the campaign knows once everything has settled: what was sent, stored and received. */
export interface CampaignEvidence {
  /** Texts of the customer messages Parley acknowledged at least once. */
  acknowledgedEvents: string[];
  /** Every reply an agent wrote, whether or not Parley ever answered the request. */
  replies: { text: string; platform: CampaignPlatform; accepted: boolean }[];
  /** Customer messages stored in the inbox, by text. */
  storedEvents: Map<string, number>;
  /** Replies stored in the inbox, by text, with their delivery status (the last one's, if stored twice). */
  storedReplies: Map<string, { count: number; status: string; error?: string | null }>;
  /** How many times each reply reached the platform (a repeat the platform dropped does not count). */
  receivedReplies: Map<string, number>;
  /** How many sends may have been cut off mid-flight: one per killed process that runs the worker role. */
  inFlightAllowance: number;
}

export interface CampaignVerdict {
  /** Acknowledged messages missing from the inbox; accepted replies that never reached the platform and are not flagged. */
  lost: number;
  /** Messages stored twice; replies stored twice or received twice by the platform. */
  duplicated: number;
  /** Replies left waiting for nobody, or flagged "uncertain" beyond the sends that can really have been in flight. */
  stranded: number;
  /** Replies flagged for an agent to check, and how many of those the platform never saw. */
  uncertain: number;
  uncertainNeverReceived: number;
  delivered: number;
  failed: number;
  problems: string[];
}

/**
 * Judges a crash campaign. A worker sends one item at a time, so each crash of a process running the worker
 * role may cut off at most one send; a reply flagged "uncertain" beyond that many was never really in doubt.
 * Platforms that drop repeated sends (VK) must never leave a reply uncertain: it is sent again instead.
 */
export function judgeCampaign(evidence: CampaignEvidence): CampaignVerdict {
  const verdict: CampaignVerdict = {
    lost: 0,
    duplicated: 0,
    stranded: 0,
    uncertain: 0,
    uncertainNeverReceived: 0,
    delivered: 0,
    failed: 0,
    problems: [],
  };
  const problem = (text: string) => {
    if (verdict.problems.length < 30) verdict.problems.push(text);
  };
  for (const text of evidence.acknowledgedEvents) {
    const stored = evidence.storedEvents.get(text) ?? 0;
    if (stored === 0) {
      verdict.lost += 1;
      problem(`acknowledged but not in the inbox: "${text}"`);
    } else if (stored > 1) {
      verdict.duplicated += 1;
      problem(`stored ${stored} times: "${text}"`);
    }
  }
  for (const reply of evidence.replies) {
    const stored = evidence.storedReplies.get(reply.text);
    const received = evidence.receivedReplies.get(reply.text) ?? 0;
    if (!stored) {
      if (reply.accepted) {
        verdict.lost += 1;
        problem(`accepted but not in the conversation: "${reply.text}"`);
      }
      continue;
    }
    if (stored.count > 1 || received > 1) {
      verdict.duplicated += 1;
      problem(`stored ${stored.count} times, received ${received} times: "${reply.text}"`);
    }
    if (stored.status === "delivered" || stored.status === "read") {
      verdict.delivered += 1;
      if (received === 0) {
        verdict.lost += 1;
        problem(`marked delivered but never received: "${reply.text}"`);
      }
    } else if (stored.status === "uncertain") {
      verdict.uncertain += 1;
      if (received === 0) verdict.uncertainNeverReceived += 1;
      if (reply.platform === "vk") {
        verdict.stranded += 1;
        problem(`uncertain although VK drops repeated sends: "${reply.text}"`);
      }
    } else if (stored.status === "failed") {
      verdict.failed += 1;
      if (received === 0) {
        verdict.lost += 1;
        problem(`failed (${stored.error}): "${reply.text}"`);
      }
    } else {
      verdict.stranded += 1;
      problem(`still ${stored.status}${stored.error ? ` (${stored.error})` : ""}: "${reply.text}"`);
    }
  }
  const excess = verdict.uncertain - evidence.inFlightAllowance;
  if (excess > 0) {
    verdict.stranded += excess;
    problem(
      `${verdict.uncertain} replies uncertain, but at most ${evidence.inFlightAllowance} sends can have been in flight`,
    );
  }
  return verdict;
}
