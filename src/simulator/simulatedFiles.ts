import { crc32, deflateSync } from "node:zlib";

/** What a simulated customer can send besides text: a photo of the parcel, or a PDF of their order. */
export type SimulatedFileKind = "image" | "document";

export interface SimulatedFile {
  id: string;
  kind: SimulatedFileKind;
  /** The customer's file name, as their app would send it. */
  name: string;
  mimeType: string;
  bytes: Buffer;
  width?: number | undefined;
  height?: number | undefined;
}

const IMAGE_SIZE = { width: 96, height: 64 };

/**
 * A file id that names its own content, so a fake's file endpoint can answer for it without keeping any state:
 * the simulator starts afresh on every run while Parley keeps the ids in its messages.
 */
export function simulatedFileId(kind: SimulatedFileKind, seed: number): string {
  return `sim-${kind}-${(Math.abs(Math.floor(seed)) % 2 ** 32).toString(36)}`;
}

/** The file behind a simulatedFileId; null for any other id. */
export function simulatedFile(id: string): SimulatedFile | null {
  const match = /^sim-(image|document)-([0-9a-z]{1,7})$/.exec(id);
  if (!match) return null;
  const kind = match[1] as SimulatedFileKind;
  const seed = Number.parseInt(match[2]!, 36);
  if (kind === "image")
    return {
      id,
      kind,
      name: `photo-${seed}.png`,
      mimeType: "image/png",
      bytes: parcelPng(seed),
      ...IMAGE_SIZE,
    };
  return {
    id,
    kind,
    name: `order-NM-${100000 + (seed % 900000)}.pdf`,
    mimeType: "application/pdf",
    bytes: orderPdf(`Nordmart order NM-${100000 + (seed % 900000)}`),
  };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small PNG (https://www.w3.org/TR/png/): a parcel-brown box with a tape stripe, tinted by the seed. */
export function parcelPng(seed: number, { width, height } = IMAGE_SIZE): Buffer {
  const tint = (seed * 37) % 60;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const tape = Math.abs(x - width / 2) < width / 12;
      const edge = x < 2 || y < 2 || x >= width - 2 || y >= height - 2;
      const [r, g, b] = edge ? [90, 60, 30] : tape ? [225, 200, 140] : [170 + tint / 2, 120 + tint / 3, 70];
      row.writeUInt8(r, 1 + x * 3);
      row.writeUInt8(g, 2 + x * 3);
      row.writeUInt8(b, 3 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // truecolour RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(Buffer.concat(rows))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A one-page PDF with one line of text: the smallest file a PDF reader opens without complaint. */
export function orderPdf(line: string): Buffer {
  const text = line.replace(/[()\\]/g, "");
  const content = `BT /F1 14 Tf 40 100 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}
