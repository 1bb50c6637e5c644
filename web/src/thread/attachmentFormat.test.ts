import { describe, expect, it } from "vitest";
import { fileTypeLabel, formatFileSize, thumbnailBox } from "./attachmentFormat.ts";

describe("formatFileSize", () => {
  it("writes bytes, kilobytes and megabytes in the viewer's locale", () => {
    expect(formatFileSize(812, "en")).toBe("812 byte");
    expect(formatFileSize(1530, "en")).toBe("1.5 kB");
    expect(formatFileSize(48_200, "en")).toBe("48 kB");
    expect(formatFileSize(3_400_000, "en")).toBe("3.4 MB");
    expect(formatFileSize(3_400_000, "ru")).toBe("3,4 МБ");
  });
});

describe("fileTypeLabel", () => {
  it("prefers the name's extension, then a short MIME subtype", () => {
    expect(fileTypeLabel("faktura-2211.pdf", "application/pdf")).toBe("PDF");
    expect(
      fileTypeLabel("report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ).toBe("DOCX");
    expect(fileTypeLabel(null, "audio/ogg; codecs=opus")).toBe("OGG");
    expect(fileTypeLabel(null, "application/vnd.ms-excel")).toBeNull();
  });
  it("lets only letters and digits through from the customer's name", () => {
    expect(fileTypeLabel("x.<b>", null)).toBeNull();
    expect(fileTypeLabel("evil.js<svg>", "text/html<script>")).toBeNull();
  });
});

describe("thumbnailBox", () => {
  it("scales a known size down to the box and leaves small pictures as they are", () => {
    expect(thumbnailBox(1280, 853, 240)).toEqual({ width: 240, height: 160 });
    expect(thumbnailBox(96, 64, 240)).toEqual({ width: 96, height: 64 });
    expect(thumbnailBox(300, 3000, 240)).toEqual({ width: 24, height: 240 });
  });
  it("says nothing without a size", () => {
    expect(thumbnailBox(null, 64, 240)).toBeNull();
    expect(thumbnailBox(0, 0, 240)).toBeNull();
  });
});
