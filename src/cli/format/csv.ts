/** A CSV cell: text, a number, or blank. */
export type CsvCell = string | number | boolean | null | undefined;

/**
 * Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets
 * a leading `'`: titles and group names come from partner text (OWASP "CSV injection"). Numbers are
 * written as numbers, so a negative figure stays a number.
 * @example neutraliseCell("=HYPERLINK(...)") // "'=HYPERLINK(...)"
 */
export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  const text = neutraliseCell(String(cell));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows as CSV text with CRLF line ends (what Excel expects), header first.
 * @example toCsv(["code", "total"], [["1.1.enrolled", 930]]) // "code,total\r\n1.1.enrolled,930\r\n"
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}
