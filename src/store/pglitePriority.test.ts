import { describe, expect, it } from "vitest";
import { PglitePriority } from "./pglitePriority.ts";

/** A promise with its resolve function: a statement that ends when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe("PglitePriority", () => {
  it("starts background work only once the foreground statement in flight has ended", async () => {
    const priority = new PglitePriority();
    const order: string[] = [];
    const request = gate();
    const foreground = priority.foreground(async () => {
      order.push("request starts");
      await request.opened;
      order.push("request ends");
    });
    const background = priority.background(async () => {
      order.push("worker runs");
    });
    await new Promise((resolve) => setImmediate(resolve));
    request.open();
    await Promise.all([foreground, background]);
    expect(order).toEqual(["request starts", "request ends", "worker runs"]);
  });

  it("runs background operations one at a time, in the order they asked", async () => {
    const priority = new PglitePriority();
    const order: string[] = [];
    const first = gate();
    const a = priority.background(async () => {
      order.push("a starts");
      await first.opened;
      order.push("a ends");
    });
    const b = priority.background(async () => {
      order.push("b runs");
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual(["a starts"]);
    first.open();
    await Promise.all([a, b]);
    expect(order).toEqual(["a starts", "a ends", "b runs"]);
  });

  it("lets background work through when the foreground never falls quiet", async () => {
    const priority = new PglitePriority();
    const endless = gate();
    const foreground = priority.foreground(() => endless.opened);
    let ran = false;
    await priority.background(async () => {
      ran = true;
    });
    expect(ran).toBe(true);
    endless.open();
    await foreground;
  });

  it("passes a failure through without blocking the next background operation", async () => {
    const priority = new PglitePriority();
    await expect(priority.background(() => Promise.reject(new Error("statement failed")))).rejects.toThrow(
      "statement failed",
    );
    await expect(priority.background(async () => "next")).resolves.toBe("next");
  });
});
