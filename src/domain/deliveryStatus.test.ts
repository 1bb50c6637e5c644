import { describe, expect, it } from "vitest";
import {
  deliveryStatusAfter,
  type MessageDeliveryStatus,
  type ReportedDeliveryStatus,
} from "./deliveryStatus.ts";

const replay = (start: MessageDeliveryStatus, reports: ReportedDeliveryStatus[]) =>
  reports.reduce<MessageDeliveryStatus>(
    (status, report) => deliveryStatusAfter(status, report) ?? status,
    start,
  );

describe("delivery status ordering", () => {
  it("moves a sent message forward through delivered to read", () => {
    expect(replay("sending", ["sent", "delivered", "read"])).toBe("read");
    expect(deliveryStatusAfter("sending", "sent")).toBe("delivered");
    expect(deliveryStatusAfter("delivered", "read")).toBe("read");
  });
  it("never moves back when statuses arrive late or repeated", () => {
    expect(deliveryStatusAfter("read", "delivered")).toBeNull();
    expect(deliveryStatusAfter("read", "sent")).toBeNull();
    expect(deliveryStatusAfter("delivered", "sent")).toBeNull();
    expect(deliveryStatusAfter("delivered", "delivered")).toBeNull();
    expect(deliveryStatusAfter("read", "read")).toBeNull();
    expect(replay("delivered", ["read", "delivered", "sent", "delivered"])).toBe("read");
  });
  it("records a failure after delivery and keeps it against a late delivered", () => {
    expect(deliveryStatusAfter("delivered", "failed")).toBe("failed");
    expect(deliveryStatusAfter("failed", "delivered")).toBeNull();
    expect(deliveryStatusAfter("failed", "sent")).toBeNull();
    expect(deliveryStatusAfter("failed", "failed")).toBeNull();
  });
  it("lets read outrank a failure, since a read message arrived", () => {
    expect(deliveryStatusAfter("failed", "read")).toBe("read");
    expect(deliveryStatusAfter("read", "failed")).toBeNull();
  });
  it("ignores reports about inbound messages", () => {
    for (const report of ["sent", "delivered", "read", "failed"] as const)
      expect(deliveryStatusAfter("received", report)).toBeNull();
  });
});
