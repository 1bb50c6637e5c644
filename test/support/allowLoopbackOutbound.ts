import { activateOutboundPolicy } from "../../src/net/outboundPolicy.ts";

/**
 * The unit tests' fake platforms listen on loopback, which Parley refuses to call unless allowed, as a
 * deployment would with PARLEY_OUTBOUND_ALLOW_PRIVATE. Tests of the refusal activate their own list.
 */
activateOutboundPolicy(["127.0.0.0/8", "::1/128"]);
