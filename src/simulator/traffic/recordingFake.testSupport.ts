// Test-only: a PlatformFake that records what the traffic generator asks it to do instead of calling Parley.
import type { CustomerAction, DeliveryOutcome, PlatformFake } from "../customerDriver.ts";

export interface RecordedAct {
  account: string;
  action: CustomerAction;
  /** Date.now() when act() was called, which fake timers control. */
  at: number;
}

export type ActBehaviour = (
  account: string,
  action: CustomerAction,
) => DeliveryOutcome | Promise<DeliveryOutcome>;

export interface RecordingFake extends PlatformFake {
  acts: RecordedAct[];
}

export function recordingFake(
  platform: PlatformFake["platform"],
  accounts: string[],
  behaviour: ActBehaviour = () => ({ status: 200, payload: { ok: true } }),
): RecordingFake {
  const acts: RecordedAct[] = [];
  return {
    platform,
    acts,
    mount: () => {},
    accounts: () => accounts,
    act: async (account, action) => {
      acts.push({ account, action, at: Date.now() });
      return behaviour(account, action);
    },
  };
}
