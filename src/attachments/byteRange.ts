/** One satisfiable byte range of a file of known size, both ends inclusive as in Content-Range. */
export interface ByteRange {
  start: number;
  end: number;
}

export type RangeRequest = { kind: "whole" } | { kind: "part"; range: ByteRange } | { kind: "unsatisfiable" };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * Reads a Range header (RFC 9110 §14) for a file of `size` bytes. Only a single range is served as a part: a
 * browser seeking in a video or audio asks for one, and RFC 9110 lets a server answer anything else, a list of
 * ranges or a header it cannot read, with the whole file.
 */
export function rangeRequestOf(header: string | undefined, size: number | undefined): RangeRequest {
  if (!header || size === undefined) return { kind: "whole" };
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return { kind: "whole" };
  const [, first, last] = match as unknown as [string, string, string];
  if (first === "" && last === "") return { kind: "whole" };
  if (first === "") {
    // "bytes=-500": the last 500 bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "part", range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(first);
  if (start >= size) return { kind: "unsatisfiable" };
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return { kind: "whole" };
  return { kind: "part", range: { start, end } };
}

/**
 * The bytes `range` covers out of a stream of the whole file: what comes before is read and dropped, and the
 * source is cancelled once the range is complete, so a seek near the start does not download the rest.
 */
export function sliceStream(
  source: ReadableStream<Uint8Array>,
  range: ByteRange,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let position = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        if (position > range.end) {
          await reader.cancel().catch(() => {});
          controller.close();
          return;
        }
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        const chunkStart = position;
        position += value.byteLength;
        if (position <= range.start) continue;
        const from = Math.max(0, range.start - chunkStart);
        const to = Math.min(value.byteLength, range.end + 1 - chunkStart);
        controller.enqueue(value.subarray(from, to));
        return;
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
