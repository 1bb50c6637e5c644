import type { Platform } from "../domain/platform.ts";

export interface RecordedCall {
  seq: number;
  platform: Platform;
  /** The API method or path, e.g. "sendMessage", "messages.send", "POST /{id}/comments". */
  method: string;
  /** Parameters as the fake parsed them (JSON body, form or query). */
  params: Record<string, unknown>;
  /** What the fake answered: an injected fault or "ok". */
  outcome: "ok" | FaultKind | "duplicate";
  at: string;
}

/** "error" answers with the platform's own error `errorCode` (a Graph code such as 190 or 131047). */
export type FaultKind = "429" | "500" | "timeout" | "error";

export interface Fault {
  platform: Platform;
  /** Method to fail; "*" fails any method of the platform. */
  method: string;
  kind: FaultKind;
  /** How many calls still fail. */
  remaining: number;
  /** For 429: seconds the fake tells the client to wait. */
  retryAfterSeconds: number;
  /** For "error": the platform error code to answer with. */
  errorCode?: number | undefined;
  /**
   * Where a platform leaves it open, how the fault is worded (PLATFORMS.md §12): the HTTP status of a "429"
   * (Meta answers throttling with 400 or 429) or of a bare "500" (502, 503, 504 from a proxy, with no
   * platform envelope); an HTTP Retry-After header of `retryAfterSeconds`, as seconds or as an HTTP-date;
   * Telegram's `parameters.retry_after` left out of the body (`bodyHint: false`); Meta's
   * `X-Business-Use-Case-Usage` header with `estimated_time_to_regain_access` in minutes.
   */
  httpStatus?: number | undefined;
  retryAfterHeader?: "seconds" | "date" | undefined;
  bodyHint?: boolean | undefined;
  regainAccessMinutes?: number | undefined;
}

/** The HTTP headers a fault's answer carries: Retry-After when the fault asks for it. */
export function faultHeaders(fault: Fault, now = Date.now()): Record<string, string> {
  if (!fault.retryAfterHeader) return {};
  return {
    "retry-after":
      fault.retryAfterHeader === "seconds"
        ? String(fault.retryAfterSeconds)
        : new Date(now + fault.retryAfterSeconds * 1000).toUTCString(),
  };
}

/**
 * What every fake platform shares: a log of the calls Parley made (so tests and trainers can check exactly what
 * was sent) and faults to inject on demand.
 */
export class SimulatorState {
  readonly calls: RecordedCall[] = [];
  /** Added before every API answer: a slow platform, for training and for crash tests that need sends in flight. */
  latencyMs = 0;
  private faults: Fault[] = [];
  private seq = 0;

  record(call: Omit<RecordedCall, "seq" | "at">): RecordedCall {
    const recorded = { ...call, seq: ++this.seq, at: new Date().toISOString() };
    this.calls.push(recorded);
    // Bounded so a demo running for weeks does not grow without end.
    if (this.calls.length > 10_000) this.calls.splice(0, this.calls.length - 10_000);
    return recorded;
  }

  injectFault(fault: Omit<Fault, "remaining" | "retryAfterSeconds"> & Partial<Fault>): void {
    this.faults.push({ remaining: 1, retryAfterSeconds: 1, ...fault });
  }

  /** Returns the fault to apply to this call, if any, and counts it down. */
  takeFault(platform: Platform, method: string): Fault | undefined {
    const fault = this.faults.find(
      (f) => f.platform === platform && (f.method === method || f.method === "*") && f.remaining > 0,
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault;
  }

  callsOf(platform: Platform, method?: string): RecordedCall[] {
    return this.calls.filter((c) => c.platform === platform && (method === undefined || c.method === method));
  }

  reset(): void {
    this.calls.length = 0;
    this.faults = [];
  }
}

/** Resolves after `ms`, for "timeout" faults: long enough for the client's own timeout to fire. */
export function stall(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
