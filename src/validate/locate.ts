import { CATALOG, type FindingCode } from "../errors/catalog.js";
import type { Finding } from "../errors/finding.js";
import type { Table } from "../schema/table.js";

/**
 * A finding as a check reports it: its message as text, or as a function that makes it. A check that
 * may report thousands of findings gives a function, called only if the finding is kept: past
 * `maxFindings` most findings are counted and dropped, and not formatting theirs saved ~3 % of the
 * CPU of the bench's million-row validate (1.65 → 1.60 s median). The function must hold the values
 * it formats (a batch's columns are reused once it is consumed). `withMessage` makes it a Finding.
 */
export type ReportedFinding = Omit<Finding, "message"> & { message: string | (() => string) };

/** The finding with its message made (the same object when it already has one). */
export function withMessage(f: ReportedFinding): Finding {
  const m = f.message;
  return typeof m === "string" ? (f as Finding) : { ...f, message: m() };
}

/** Extra fields of a finding beyond code, severity, message and place. */
export type FindingExtra = Partial<Pick<Finding, "expected" | "actual" | "indicator" | "note" | "severity">>;

/**
 * A finding located at a field's cell of a row (or at the row when the table has no such column), with
 * the catalogue's default severity. `column` is the field name (as normalize's findings), `cell` the
 * Excel reference.
 * @example findingAt("negative-count", table, 14, "total", "total is -3") // cell "H14"
 */
export function findingAt(code: FindingCode, table: Table, row: number, field: string | undefined, message: string, extra?: FindingExtra): Finding;
export function findingAt(code: FindingCode, table: Table, row: number, field: string | undefined, message: string | (() => string), extra?: FindingExtra): ReportedFinding;
export function findingAt(code: FindingCode, table: Table, row: number, field: string | undefined, message: string | (() => string), extra: FindingExtra = {}): ReportedFinding {
  const col = field === undefined ? undefined : table.columns.find((c) => c.field === field);
  const f: ReportedFinding = { code, severity: CATALOG[code].severity, message, file: table.file, sheet: table.sheet, row, partner: table.partner };
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
function withExtra<F extends ReportedFinding>(f: F, extra: FindingExtra): F {
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
