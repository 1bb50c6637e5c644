import { serve } from "@hono/node-server";

export interface Listening {
  url: string;
  port: number;
  /** Closes the server, ending open streams (SSE) that would otherwise keep it alive. */
  close(): Promise<void>;
}

/**
 * Serves a fetch handler (a Hono app) on host:port; port 0 picks a free one. Rejects when it cannot listen (the port
 * is taken, the address is not this machine's), so that the start fails with the reason instead of hanging.
 */
export function listenHttp(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  host = "127.0.0.1",
): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: host }, (info) => {
      server.off("error", reject);
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
    server.once("error", reject);
  });
}
