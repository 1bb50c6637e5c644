import { describe, expect, it } from "vitest";
import { candidateWords } from "./candidateWords.ts";

/** Each candidate as [its text, the letters of its Cyrillic reading, of its Latin reading]. */
function read(text: string): [string, string | undefined, string | undefined][] {
  return candidateWords(text).map((w) => [
    text.slice(w.start, w.end),
    w.readings.cyrillic?.map((s) => (s.kind === "wildcard" ? "*" : s.chars)).join(""),
    w.readings.latin?.map((s) => (s.kind === "wildcard" ? "*" : s.chars)).join(""),
  ]);
}

describe("candidate words", () => {
  it("reads a mixed-script word in both scripts, look-alikes turned into the other script", () => {
    expect(read("xуй")).toEqual([["xуй", "хуи", "xyu"]]);
  });

  it("reads a Russian word only as Cyrillic and an English word only as Latin, unless all of it looks Cyrillic", () => {
    expect(read("привет hello")).toEqual([
      ["привет", "привет", undefined],
      ["hello", undefined, "hello"],
    ]);
    expect(read("cyka")).toEqual([["cyka", "сука", "cyka"]]);
  });

  it("lets digits and symbols stand for letters, and stars for any letter", () => {
    expect(read("sh1t")).toEqual([["sh1t", undefined, "shilt"]]);
    expect(read("f*ck")).toEqual([["f*ck", undefined, "f*ck"]]);
  });

  it("drops hashtag, handle and sentence marks around a word but keeps trailing stars", () => {
    expect(read("#sale @nordmart wow! f**k*").map(([text]) => text)).toEqual([
      "sale",
      "nordmart",
      "wow",
      "f**k*",
    ]);
  });

  it("joins a word cut apart, but not a hyphenated compound of whole words", () => {
    expect(read("ху.й").map(([text]) => text)).toEqual(["ху", "ху.й"]);
    expect(read("бляха-муха").map(([text]) => text)).toEqual(["бляха", "муха"]);
  });

  it("joins single letters spelled apart with spaces, from three letters up", () => {
    expect(read("f u c k").map(([text]) => text)).toEqual(["f u c k"]);
    expect(read("a b").map(([text]) => text)).toEqual([]);
  });

  it("skips URLs and e-mail addresses and keeps true offsets", () => {
    const text = "see https://x.example/shit ok mail@x.example end";
    expect(candidateWords(text).map((w) => text.slice(w.start, w.end))).toEqual(["see", "ok", "end"]);
  });
});
