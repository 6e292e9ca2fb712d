import { CATALOG, type FindingCode } from "../errors/catalog.js";
import type { Finding } from "../errors/finding.js";
import type { Table } from "../schema/table.js";

/** Extra fields of a finding beyond code, severity, message and place. */
export type FindingExtra = Partial<Pick<Finding, "expected" | "actual" | "indicator" | "note" | "severity">>;

/**
 * A finding located at a field's cell of a row (or at the row when the table has no such column), with
 * the catalogue's default severity. `column` is the field name (as normalize's findings), `cell` the
 * Excel reference.
 * @example findingAt("negative-count", table, 14, "total", "total is -3") // cell "H14"
 */
export function findingAt(code: FindingCode, table: Table, row: number, field: string | undefined, message: string, extra: FindingExtra = {}): Finding {
  const col = field === undefined ? undefined : table.columns.find((c) => c.field === field);
  const f: Finding = { code, severity: CATALOG[code].severity, message, file: table.file, sheet: table.sheet, row, partner: table.partner };
  if (field !== undefined) f.column = field;
  if (col) f.cell = `${col.letter}${row}`;
  return withExtra(f, extra);
}

/** A finding about the logframe as a whole (no cell), e.g. a rule on computed figures. */
export function logframeFinding(code: FindingCode, message: string, extra: FindingExtra & { partner?: string } = {}): Finding {
  const { partner, ...rest } = extra;
  const f: Finding = { code, severity: CATALOG[code].severity, message };
  if (partner !== undefined) f.partner = partner;
  return withExtra(f, rest);
}

// for…in rather than Object.entries (same order, the extra's own): a check with thousands of
// findings made an array per field of each.
function withExtra(f: Finding, extra: FindingExtra): Finding {
  for (const k in extra) {
    const v = extra[k as keyof FindingExtra];
    if (v !== undefined) (f as Record<string, unknown>)[k] = v;
  }
  return f;
}

/** `Sheet!D14`, `Sheet row 14`, or the file alone. */
export function placeOf(p: { file?: string | undefined; sheet?: string | undefined; cell?: string | undefined; row?: number | undefined }): string {
  if (p.sheet && p.cell) return `${p.sheet}!${p.cell}`;
  if (p.sheet && p.row !== undefined) return `${p.sheet} row ${p.row}`;
  return p.sheet ?? p.file ?? "";
}
