import type { Hono } from "hono";
import type { GraphHandler } from "../channels/meta/fakeGraphApi.ts";
import type { Platform } from "../domain/platform.ts";
import type { SimulatedFileKind } from "./simulatedFiles.ts";
import type { SimulatorState } from "./simulatorState.ts";

/** A simulated customer of one platform. */
export interface SimulatedPerson {
  id: number;
  firstName: string;
  lastName?: string | undefined;
  username?: string | undefined;
  languageCode: "ru" | "en" | "pl" | "lv";
}

/** What the traffic generator asks a platform fake to do: be a customer writing to the brand. */
export interface CustomerAction {
  person: SimulatedPerson;
  text: string;
  /** private: a direct message; public: a comment under the brand's latest post (or a group message). */
  visibility: "private" | "public";
  /** For public comments: answer this earlier comment instead of starting a new thread. */
  replyToCommentId?: string | undefined;
  /** A photo or a PDF sent with the text (as its caption), where the platform's fake serves files. */
  attachment?: SimulatedFileKind | undefined;
  /** Played by a test or a trainer (`/_sim/act`): the fake adds none of its demo liveliness around it. */
  scripted?: boolean | undefined;
}

/** Result of delivering one simulated event to Parley. */
export interface DeliveryOutcome {
  /** HTTP status Parley answered (or 0 when queued for polling). */
  status: number;
  /** The platform payload that was delivered, for tests to assert on. */
  payload: unknown;
}

/**
 * One platform's fake: its API routes (what Parley calls) and its customer side (what Parley receives).
 * Each lives beside its adapter in src/channels/<platform>/.
 */
export interface PlatformFake {
  platform: Platform;
  /** Mounts the platform's real API paths on the simulator's HTTP server. */
  mount?(app: Hono, state: SimulatorState): void;
  /** Meta products share one Graph host: their fakes answer through the simulator's Graph router instead. */
  graph?: GraphHandler;
  /** Every account (bot, community) the fake knows, so the traffic generator can pick one to write to. */
  accounts(): string[];
  /** Delivers one customer action to Parley for the given account, in the platform's real format. */
  act(account: string, action: CustomerAction): Promise<DeliveryOutcome>;
}
