import http from "node:http";

export interface StreamedAnswer {
  status: number;
  /** Bytes the client had written when the answer came (or when it stopped writing). */
  sentBytes: number;
}

/**
 * Streams a body of up to `maxBytes` to `url` in chunks (Transfer-Encoding: chunked, no Content-Length) and stops
 * writing as soon as an answer comes, so `sentBytes` shows how much the server read before answering. The body is
 * `prefix` followed by filler; `headers` are sent as given.
 */
export function streamBody(
  url: string,
  options: { maxBytes: number; prefix?: string; headers?: Record<string, string>; declaredLength?: number },
): Promise<StreamedAnswer> {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
    if (options.declaredLength !== undefined) headers["content-length"] = String(options.declaredLength);
    const request = http.request(url, { method: "POST", headers, agent: false }, (response) => {
      answered = true;
      response.resume();
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, sentBytes });
      });
    });
    // Once answered, the server may close the connection under our writes: that is expected.
    request.on("error", (err) => (answered ? undefined : reject(err)));
    const write = () => {
      while (!answered && sentBytes < options.maxBytes) {
        const piece =
          sentBytes === 0 && options.prefix
            ? Buffer.from(options.prefix)
            : chunk.subarray(0, Math.min(chunk.length, options.maxBytes - sentBytes));
        sentBytes += piece.length;
        if (!request.write(piece)) {
          request.once("drain", write);
          return;
        }
      }
      if (!answered) request.end();
    };
    write();
  });
}
