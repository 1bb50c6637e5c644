import { describe, expect, it } from "vitest";
import { BUCKET_EDGES, bucketOf, quantileOf } from "./histogram.ts";

describe("duration histogram", () => {
  it("puts a duration in the bucket whose lower edge it reaches", () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(29)).toBe(0);
    expect(bucketOf(30)).toBe(1);
    expect(bucketOf(3600)).toBe(BUCKET_EDGES.indexOf(3600));
    expect(bucketOf(10 ** 9)).toBe(BUCKET_EDGES.length - 1);
  });

  it("reads the median inside its bucket and says nothing of an empty histogram", () => {
    // 4 samples in [60,120): median is the 2nd of 4, halfway through the bucket
    expect(quantileOf(new Map([[bucketOf(60), 4]]), 0.5)).toBe(90);
    expect(quantileOf(new Map(), 0.5)).toBeNull();
  });
});
