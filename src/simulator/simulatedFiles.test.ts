import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { simulatedFile, simulatedFileId } from "./simulatedFiles.ts";

describe("simulated files", () => {
  it("gives the same file for the same id, so the fake needs no state across restarts", () => {
    const id = simulatedFileId("image", 12345);
    expect(simulatedFile(id)?.bytes.equals(simulatedFile(id)!.bytes)).toBe(true);
    expect(simulatedFile(simulatedFileId("image", 12346))?.bytes.equals(simulatedFile(id)!.bytes)).toBe(
      false,
    );
  });
  it("draws a real PNG: signature, header with its size, and pixel rows that inflate to width × height", () => {
    const file = simulatedFile(simulatedFileId("image", 7))!;
    expect(file.mimeType).toBe("image/png");
    expect([...file.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(file.bytes.readUInt32BE(16)).toBe(file.width);
    expect(file.bytes.readUInt32BE(20)).toBe(file.height);
    const idatLength = file.bytes.readUInt32BE(33);
    const pixels = inflateSync(file.bytes.subarray(41, 41 + idatLength));
    expect(pixels.length).toBe(file.height! * (1 + file.width! * 3));
  });
  it("writes a PDF whose cross-reference table points at its objects", () => {
    const file = simulatedFile(simulatedFileId("document", 3))!;
    const pdf = file.bytes.toString("latin1");
    expect(file.name).toMatch(/^order-NM-\d{6}\.pdf$/);
    expect(pdf.startsWith("%PDF-1.4")).toBe(true);
    const xrefAt = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(xrefAt, xrefAt + 4)).toBe("xref");
    const firstObject = Number(/\n(\d{10}) 00000 n/.exec(pdf)![1]);
    expect(pdf.slice(firstObject, firstObject + 7)).toBe("1 0 obj");
  });
  it("knows no other ids", () => {
    expect(simulatedFile("AgACAgIAAxkBAAIB")).toBeNull();
    expect(simulatedFile("sim-image-../../etc")).toBeNull();
  });
});
