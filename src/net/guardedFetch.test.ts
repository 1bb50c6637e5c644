import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callPlatform } from "../channels/platformHttp.ts";
import { parseAllowList } from "./addressPolicy.ts";
import { createGuardedAgent, type Resolve, refusedAddress } from "./guardedFetch.ts";
import { activateOutboundPolicy } from "./outboundPolicy.ts";

/** A loopback server that counts what reaches it; `answer` decides the response. */
async function countingServer(host: string, answer: (path: string) => { status: number; headers?: object }) {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? "");
    const { status, headers } = answer(req.url ?? "");
    res.writeHead(status, { connection: "close", ...headers });
    res.end("internal secret: aws-key-123");
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { hits, server, port: (server.address() as AddressInfo).port };
}

describe("the guarded dispatcher", () => {
  // Only 127.0.0.2 is allowed, so one machine holds both an allowed and a forbidden receiver.
  const allowList = () => parseAllowList(["127.0.0.2/32"]);
  let allowedSite: Awaited<ReturnType<typeof countingServer>>;
  let inside: Awaited<ReturnType<typeof countingServer>>;
  let restore: () => void;

  beforeAll(async () => {
    inside = await countingServer("127.0.0.1", () => ({ status: 200 }));
    allowedSite = await countingServer("127.0.0.2", (path) =>
      path === "/jump"
        ? { status: 302, headers: { location: `http://127.0.0.1:${inside.port}/stolen` } }
        : { status: 200 },
    );
    restore = activateOutboundPolicy(["127.0.0.2/32"]);
  });
  afterAll(() => {
    restore();
    inside.server.close();
    allowedSite.server.close();
  });

  const fetchWith = (url: string, resolve?: Resolve) =>
    fetch(url, { dispatcher: createGuardedAgent({ allowList, ...(resolve ? { resolve } : {}) }) });

  async function refusal(url: string, resolve?: Resolve) {
    try {
      await fetchWith(url, resolve);
    } catch (err) {
      return refusedAddress(err)?.message ?? `other error: ${String(err)}`;
    }
    return "reached";
  }

  it("reaches an allowed address", async () => {
    const res = await fetchWith(`http://127.0.0.2:${allowedSite.port}/hello`);
    expect(res.status).toBe(200);
    expect(allowedSite.hits).toContain("/hello");
  });

  it("refuses loopback, the metadata address, IPv6 ::1 and IPv4-mapped loopback before connecting", async () => {
    const port = inside.port;
    expect(await refusal(`http://127.0.0.1:${port}/`)).toMatch(/^Address not allowed: 127\.0\.0\.1/);
    expect(await refusal("http://169.254.169.254/latest/meta-data/")).toMatch(/Address not allowed/);
    expect(await refusal(`http://[::1]:${port}/`)).toMatch(/Address not allowed: ::1/);
    expect(await refusal(`http://[::ffff:127.0.0.1]:${port}/`)).toMatch(/Address not allowed/);
    expect(await refusal(`http://0.0.0.0:${port}/`)).toMatch(/Address not allowed/);
    expect(inside.hits).toEqual([]);
  });

  it("refuses a host name that resolves to loopback", async () => {
    expect(await refusal(`http://localhost:${inside.port}/`)).toMatch(/^Address not allowed: localhost/);
    expect(inside.hits).toEqual([]);
  });

  it("judges the address the socket connects to, so a name rebound to loopback is refused", async () => {
    let answers = 0;
    // First answer: the allowed address (as when the URL was saved); then the attacker's DNS says 127.0.0.1.
    const rebinding: Resolve = async () => [
      { address: answers++ === 0 ? "127.0.0.2" : "127.0.0.1", family: 4 },
    ];
    const agent = createGuardedAgent({ allowList, resolve: rebinding });
    const first = await fetch(`http://rebind.test:${allowedSite.port}/first`, { dispatcher: agent });
    expect(first.status).toBe(200);
    await expect(fetch(`http://rebind.test:${inside.port}/second`, { dispatcher: agent })).rejects.toSatisfy(
      (err) => refusedAddress(err) !== null,
    );
    expect(inside.hits).toEqual([]);
  });

  it("refuses a name with one forbidden address among public ones", async () => {
    const mixed: Resolve = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "10.0.0.5", family: 4 },
    ];
    expect(await refusal("http://mixed.test/", mixed)).toMatch(/Address not allowed: mixed\.test/);
  });

  it("refuses a redirect from an allowed address to a forbidden one", async () => {
    expect(await refusal(`http://127.0.0.2:${allowedSite.port}/jump`)).toMatch(/Address not allowed/);
    expect(allowedSite.hits).toContain("/jump");
    expect(inside.hits).toEqual([]);
  });

  it("comes back from callPlatform as a permanent error that names no resolved address", async () => {
    const result = await callPlatform(`http://localhost:${inside.port}/bot1/getMe`, { method: "POST" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: "address_not_allowed", retryable: false });
    expect(result.error.message).not.toContain("127.0.0.1");
    expect(inside.hits).toEqual([]);
  });
});
