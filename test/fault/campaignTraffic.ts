import { ApiClient } from "../support/apiClient.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "../support/testParley.ts";
import type { CampaignPlatform, WebhookEvent } from "./campaignPlatforms.ts";

export interface CampaignReply {
  index: number;
  text: string;
  conversationId: string;
  platform: CampaignPlatform;
  /** new: Parley has not received it; unknown: no answer came, so an agent has to look before writing again. */
  state: "new" | "accepted" | "unknown";
}

/** What the inbox holds of the campaign's traffic, as agents see it through the API. */
export interface InboxSnapshot {
  storedEvents: Map<string, number>;
  storedReplies: Map<string, { count: number; status: string; error: string | null }>;
}

interface StoredMessage {
  direction: string;
  text: string;
  deliveryStatus: string;
  deliveryError: string | null;
}

/** True when the request never reached a server: nothing can have been stored, so it is safe to send again. */
function neverConnected(err: unknown): boolean {
  return (err as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED";
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The two sides of the campaign's traffic and what each answer meant: customers' messages as the platforms
 * deliver (and re-deliver) them, and agents' replies as the inbox writes (and, after a lost answer, checks
 * and writes again) them. Counts every 5xx.
 */
export class CampaignTraffic {
  readonly acknowledged = new Set<number>();
  readonly undelivered = new Set<number>();
  readonly tally = { deliveries: 0, redelivered: 0, resent: 0, requests: 0, unanswered: 0, fiveXx: 0 };
  readonly problems: string[] = [];
  readonly events: WebhookEvent[];
  readonly replies: CampaignReply[];
  #api: ApiClient;

  constructor(api: ApiClient, events: WebhookEvent[], replies: CampaignReply[]) {
    this.#api = api;
    this.events = events;
    this.replies = replies;
  }

  problem(text: string): void {
    if (this.problems.length < 30) this.problems.push(text);
  }

  /** One delivery of a customer message; what is not acknowledged waits for the platform's next try. */
  async deliverEvent(event: WebhookEvent): Promise<void> {
    this.tally.deliveries += 1;
    try {
      const answer = await event.deliver();
      if (answer.status >= 500) this.tally.fiveXx += 1;
      if (answer.acknowledged) {
        this.acknowledged.add(event.index);
        this.undelivered.delete(event.index);
        return;
      }
      this.problem(`webhook answered ${answer.status}: "${event.text}"`);
    } catch {
      // No answer at all: the platform delivers it again later.
    }
    this.undelivered.add(event.index);
  }

  /** An agent sends a reply; a request that reached no server is simply sent again later. */
  async postReply(reply: CampaignReply): Promise<void> {
    this.tally.requests += 1;
    const body = { text: reply.text, visibility: "private" };
    const path = `/api/conversations/${reply.conversationId}/messages`;
    try {
      let res = await this.#api.post(path, body);
      if (res.status === 401) {
        this.#api = await ApiClient.login(this.#api.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
        res = await this.#api.post(path, body);
      }
      if (res.status === 202) {
        reply.state = "accepted";
        return;
      }
      if (res.status >= 500) this.tally.fiveXx += 1;
      this.problem(`reply answered ${res.status}: "${reply.text}"`);
      reply.state = "unknown";
    } catch (err) {
      if (neverConnected(err)) return;
      this.tally.unanswered += 1;
      reply.state = "unknown";
    }
  }

  /**
   * After a crash: the platforms deliver again what was never acknowledged, and an agent whose reply got no
   * answer looks at the conversation and writes it again only if it is not there.
   */
  async catchUp(repliesDue: number, ensureRunning: () => Promise<unknown>): Promise<void> {
    for (let round = 0; round < 20; round++) {
      for (const index of [...this.undelivered]) {
        this.tally.redelivered += 1;
        await this.deliverEvent(this.events[index]!);
      }
      for (const reply of this.replies.filter((r) => r.state === "unknown")) {
        const found = (await this.#messagesOf(reply.conversationId)).some(
          (m) => m.direction === "out" && m.text === reply.text,
        );
        reply.state = found ? "accepted" : "new";
      }
      const due = this.replies.filter((r) => r.index < repliesDue);
      for (const reply of due.filter((r) => r.state === "new")) await this.postReply(reply);
      if (this.undelivered.size === 0 && due.every((r) => r.state === "accepted")) return;
      await sleep(500);
      await ensureRunning();
    }
  }

  /** Now and then a platform delivers an acknowledged message again (our answer was lost on its way). */
  async resendSome(indexes: number[]): Promise<void> {
    for (const index of indexes) {
      this.tally.resent += 1;
      await this.deliverEvent(this.events[index]!);
    }
  }

  async inbox(conversationIds: string[], run: string): Promise<InboxSnapshot> {
    const snapshot: InboxSnapshot = { storedEvents: new Map(), storedReplies: new Map() };
    for (const id of conversationIds) {
      for (const m of await this.#messagesOf(id)) {
        if (m.direction === "in" && m.text.startsWith(`fault ${run} event `))
          snapshot.storedEvents.set(m.text, (snapshot.storedEvents.get(m.text) ?? 0) + 1);
        if (m.direction === "out" && m.text.startsWith(`fault ${run} reply `))
          snapshot.storedReplies.set(m.text, {
            count: (snapshot.storedReplies.get(m.text)?.count ?? 0) + 1,
            status: m.deliveryStatus,
            error: m.deliveryError,
          });
      }
    }
    return snapshot;
  }

  async #messagesOf(conversationId: string): Promise<StoredMessage[]> {
    const res = await this.#api.get(`/api/conversations/${conversationId}/messages`);
    if (res.status >= 500) this.tally.fiveXx += 1;
    if (res.status !== 200) throw new Error(`messages of ${conversationId}: ${res.status}`);
    return res.body.items as StoredMessage[];
  }
}
