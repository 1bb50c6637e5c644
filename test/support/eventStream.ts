/** Reads a server-sent event stream (`/api/events`) into an array until closed, as a browser tab would hear it. */
export async function openEventStream(url: string, cookie: string) {
  const controller = new AbortController();
  const received: { event: string; data: string }[] = [];
  const res = await fetch(url, {
    headers: { cookie, accept: "text/event-stream" },
    signal: controller.signal,
  });
  if (res.status !== 200 || !res.body) throw new Error(`event stream refused: ${res.status}`);
  const type = res.headers.get("content-type") ?? "";
  if (!/text\/event-stream/.test(type)) throw new Error(`not an event stream: ${type}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut = buffer.indexOf("\n\n");
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) received.push({ event, data });
          cut = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // Aborted.
    }
  })();
  return { received, close: () => controller.abort() };
}
