import { describe, expect, it } from "vitest";
import { rangeRequestOf, sliceStream } from "./byteRange.ts";

describe("rangeRequestOf", () => {
  it("reads the single ranges a media element asks for", () => {
    expect(rangeRequestOf("bytes=0-", 1000)).toEqual({ kind: "part", range: { start: 0, end: 999 } });
    expect(rangeRequestOf("bytes=100-199", 1000)).toEqual({ kind: "part", range: { start: 100, end: 199 } });
    expect(rangeRequestOf("bytes=-10", 1000)).toEqual({ kind: "part", range: { start: 990, end: 999 } });
    expect(rangeRequestOf("bytes=-5000", 1000)).toEqual({ kind: "part", range: { start: 0, end: 999 } });
  });

  it("clips an end past the file and refuses a start past it", () => {
    expect(rangeRequestOf("bytes=900-5000", 1000)).toEqual({ kind: "part", range: { start: 900, end: 999 } });
    expect(rangeRequestOf("bytes=1000-", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(rangeRequestOf("bytes=-0", 1000)).toEqual({ kind: "unsatisfiable" });
  });

  it("serves the whole file for what it does not read or cannot serve as one part", () => {
    expect(rangeRequestOf(undefined, 1000)).toEqual({ kind: "whole" });
    expect(rangeRequestOf("bytes=0-10", undefined)).toEqual({ kind: "whole" });
    expect(rangeRequestOf("bytes=0-1,5-6", 1000)).toEqual({ kind: "whole" });
    expect(rangeRequestOf("items=0-1", 1000)).toEqual({ kind: "whole" });
    expect(rangeRequestOf("bytes=20-10", 1000)).toEqual({ kind: "whole" });
    expect(rangeRequestOf("bytes=-", 1000)).toEqual({ kind: "whole" });
  });
});

describe("sliceStream", () => {
  const streamOf = (chunks: number[][]) => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks[pulled++];
        if (chunk) controller.enqueue(Uint8Array.from(chunk));
        else controller.close();
      },
    });
    return { stream, pulls: () => pulled };
  };
  const read = async (stream: ReadableStream<Uint8Array>) => {
    const bytes: number[] = [];
    const reader = stream.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) bytes.push(...next.value);
    return bytes;
  };

  it("gives exactly the asked bytes across chunk borders", async () => {
    const { stream } = streamOf([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8, 9],
    ]);
    expect(await read(sliceStream(stream, { start: 2, end: 6 }))).toEqual([2, 3, 4, 5, 6]);
  });

  it("stops reading the source once the range is complete", async () => {
    const { stream, pulls } = streamOf([
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
      [8, 9],
    ]);
    expect(await read(sliceStream(stream, { start: 0, end: 2 }))).toEqual([0, 1, 2]);
    expect(pulls()).toBeLessThanOrEqual(3);
  });
});
