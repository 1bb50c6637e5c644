import { describe, expect, it } from "vitest";
import { listenHttp } from "./listen.ts";

describe("listenHttp", () => {
  it("rejects with the reason when the port is taken, and the first server keeps serving", async () => {
    const first = await listenHttp(() => new Response("first"), 0);
    try {
      await expect(listenHttp(() => new Response("second"), first.port)).rejects.toMatchObject({
        code: "EADDRINUSE",
      });
      expect(await (await fetch(first.url)).text()).toBe("first");
    } finally {
      await first.close();
    }
  });
});
