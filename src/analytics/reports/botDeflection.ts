import { aggregateOf, type ReportDefinition, ratio } from "../reportDefinition.ts";

/**
 * Conversations the FAQ bot took part in (answered or handed over), those it settled alone (answered, never handed
 * over, no person replied) and those it handed to a person.
 */
export const botDeflection: ReportDefinition = {
  id: "bot",
  kind: "flow",
  metrics: () => ["bot.engaged", "bot.deflected", "bot.handover"],
  figures: [
    { id: "engaged", kind: "count" },
    { id: "deflected", kind: "count" },
    { id: "handed_over", kind: "count" },
    { id: "deflection_rate", kind: "ratio" },
    { id: "handover_rate", kind: "ratio" },
  ],
  seriesFigures: ["deflection_rate", "handover_rate"],
  compute(a) {
    const engaged = aggregateOf(a, "bot.engaged").count;
    const deflected = aggregateOf(a, "bot.deflected").count;
    const handedOver = aggregateOf(a, "bot.handover").count;
    return {
      engaged,
      deflected,
      handed_over: handedOver,
      deflection_rate: ratio(deflected, engaged),
      handover_rate: ratio(handedOver, engaged),
    };
  },
};
