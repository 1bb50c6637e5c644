import { describe, expect, it } from "vitest";
import type { InboundEvent } from "../domain/inboundEvent.ts";
import { orderKeyOf } from "./orderKey.ts";

describe("orderKeyOf", () => {
  it("orders a message, and its edits, by its thread", () => {
    const message = { type: "message", threadKey: "chat:42" } as InboundEvent;
    expect(orderKeyOf([message])).toBe("thread:chat:42");
  });

  it("orders what concerns one message by that message, and a post by the post", () => {
    expect(orderKeyOf([{ type: "delivery_status", externalId: "wamid.1" } as InboundEvent])).toBe(
      "message:wamid.1",
    );
    expect(orderKeyOf([{ type: "post", post: { externalId: "p_1" } } as InboundEvent])).toBe("post:p_1");
  });

  it("skips what concerns no thread, and gives null when nothing does", () => {
    const notice = { type: "channel_notice" } as InboundEvent;
    const ignored = { type: "ignored", reason: "typing" } as InboundEvent;
    expect(orderKeyOf([notice, { type: "read_up_to", threadKey: "t" } as InboundEvent])).toBe("thread:t");
    expect(orderKeyOf([notice, ignored])).toBeNull();
    expect(orderKeyOf([])).toBeNull();
  });
});
