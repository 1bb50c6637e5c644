/**
 * RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled, lines end with CRLF.
 * A text cell starting with = + - @ (or a tab / carriage return) is prefixed with a quote so a spreadsheet
 * shows it instead of running it as a formula (OWASP "CSV injection"); numbers are written as numbers.
 */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return `${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

export function csvCell(cell: string | number | null): string {
  if (cell === null) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
