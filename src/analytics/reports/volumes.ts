import { aggregateOf, type ReportDefinition } from "../reportDefinition.ts";

/** Customer messages received and conversations created. */
export const volumes: ReportDefinition = {
  id: "volumes",
  kind: "flow",
  metrics: () => ["inbound_messages", "conversations_created"],
  figures: [
    { id: "inbound_messages", kind: "count" },
    { id: "conversations_created", kind: "count" },
  ],
  seriesFigures: ["inbound_messages", "conversations_created"],
  compute(a) {
    return {
      inbound_messages: aggregateOf(a, "inbound_messages").count,
      conversations_created: aggregateOf(a, "conversations_created").count,
    };
  },
};
