import { SOURCE_KINDS, type SourceKindName } from "../../schema/kinds/index.js";
import type { Value } from "../../schema/kind.js";
import { columnLetter } from "../../schema/table.js";
import type { ReportDataSheet } from "../model.js";

/** The workbook sheet that holds each kind's normalised rows. */
export const DATA_SHEET_NAMES: Record<SourceKindName, string> = {
  "survivor-register": "Data_register",
  "tsp-batch-status": "Data_batches",
  "event-attendance": "Data_events",
  "spp-target-achievement": "Data_claims",
  "budget-allocation": "Data_budget",
};

/** One cell of a helper column: a formula with its cached result, or a plain value. */
export interface HelperCell {
  formula?: string;
  value: number;
}

/** A column added to the right of a data sheet to make a formula possible. */
export interface HelperColumn {
  letter: string;
  header: string;
  /** Plain values computed by logframe (a condition Excel cannot express), or formulas. */
  static: boolean;
  cells: HelperCell[];
}

/**
 * Where everything is on one data sheet: `#` in A, the partner in B, the normalised fields, then the
 * origin columns (file, sheet, row), then helper columns. Rows start at 2 (row 1 is the header).
 */
export interface DataSheetLayout {
  data: ReportDataSheet;
  kind: SourceKindName;
  name: string;
  columns: { header: string; letter: string }[];
  letterOf: Map<string, string>;
  /** Last row of the ranges formulas use: at least 2, so an empty sheet still has a valid range. */
  lastRow: number;
  dateFields: Set<string>;
  helpers: HelperColumn[];
  /** Value of a field (or `partner`) on the i-th data row. */
  value(field: string, i: number): Value;
}

/** The normalised columns of a data sheet, before helpers. */
export const SEQ_COLUMN = "#";
export const PARTNER_COLUMN = "partner";
export const ORIGIN_COLUMNS = ["file", "sheet", "row"] as const;

/** Lay out a data sheet. */
export function layoutDataSheet(unsorted: ReportDataSheet): DataSheetLayout {
  // Rows in (file, sheet, row) order, compared as the engine does: the sheet order (`#`) is then the
  // engine's tie-break when a person has two rows on the same date.
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const rows = [...unsorted.rows].sort((a, b) => cmp(a.file, b.file) || cmp(a.sheet, b.sheet) || a.row - b.row);
  const data = { ...unsorted, rows };
  const headers = [SEQ_COLUMN, PARTNER_COLUMN, ...data.fields, ...ORIGIN_COLUMNS.map((c) => `source ${c}`)];
  const columns = headers.map((header, i) => ({ header, letter: columnLetter(i) }));
  const letterOf = new Map<string, string>([[PARTNER_COLUMN, "B"]]);
  data.fields.forEach((f, i) => letterOf.set(f, columnLetter(i + 2)));
  const index = new Map(data.fields.map((f, i) => [f, i]));
  const spec = SOURCE_KINDS[data.kind].fields as Record<string, { type: string }>;
  return {
    data,
    kind: data.kind,
    name: DATA_SHEET_NAMES[data.kind],
    columns,
    letterOf,
    lastRow: Math.max(2, data.rows.length + 1),
    dateFields: new Set(data.fields.filter((f) => spec[f]?.type === "date")),
    helpers: [],
    value(field, i) {
      const row = data.rows[i]!;
      if (field === PARTNER_COLUMN) return row.partner;
      const k = index.get(field);
      return k === undefined ? null : (row.values[k] ?? null);
    },
  };
}

/** The type of a field of the layout's kind (`partner` is an id). */
export function fieldType(layout: DataSheetLayout, field: string): string | undefined {
  if (field === PARTNER_COLUMN) return "id";
  return (SOURCE_KINDS[layout.kind].fields as Record<string, { type: string }>)[field]?.type;
}

/** Add a helper column (or return the one with the same header). */
export function addHelper(layout: DataSheetLayout, header: string, build: (excelRow: number, i: number) => HelperCell, isStatic: boolean): HelperColumn {
  const existing = layout.helpers.find((h) => h.header === header);
  if (existing) return existing;
  const letter = columnLetter(layout.columns.length + layout.helpers.length);
  const helper: HelperColumn = { letter, header, static: isStatic, cells: layout.data.rows.map((_, i) => build(i + 2, i)) };
  layout.helpers.push(helper);
  return helper;
}

/** A sheet name as a formula reference: quoted when it needs to be. */
export function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** An absolute range of one column over the data rows: `Data_register!$G$2:$G$41`. */
export function columnRange(layout: DataSheetLayout, letter: string): string {
  return `${sheetRef(layout.name)}!$${letter}$2:$${letter}$${layout.lastRow}`;
}
