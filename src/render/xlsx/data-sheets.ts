import type { Workbook } from "exceljs";
import type { Value } from "../../schema/kind.js";
import { type DataSheetLayout } from "./layout.js";
import { neutraliseText } from "./safe-text.js";
import { HELPER_FILL, styleHeaderRow } from "./style.js";

/** A normalised value as a cell value: ISO dates become dates, text is neutralised. */
export function cellValue(v: Value, isDate: boolean): string | number | boolean | Date | null {
  if (v === null || v === "") return null;
  if (isDate && typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`);
  return typeof v === "string" ? neutraliseText(v) : v;
}

/**
 * Write one data sheet: `#`, partner, the normalised fields, the origin (file, sheet, row), then the
 * helper columns the indicator formulas use (formula helpers carry their cached values).
 */
export function writeDataSheet(wb: Workbook, layout: DataSheetLayout): void {
  const ws = wb.addWorksheet(layout.name, { views: [{ state: "frozen", ySplit: 1, xSplit: 1 }] });
  const headers = [...layout.columns.map((c) => c.header), ...layout.helpers.map((h) => h.header)];
  ws.addRow(headers);
  styleHeaderRow(ws, 1);
  layout.helpers.forEach((h, k) => {
    const cell = ws.getRow(1).getCell(layout.columns.length + k + 1);
    cell.fill = HELPER_FILL;
    cell.font = { bold: true, italic: true };
    cell.note = h.static
      ? "Computed by logframe (Excel cannot express this condition exactly): 1 = the row meets it."
      : "Formula: 1 on the first selected row of each person (earliest date, then #), so each person counts once.";
  });
  const { rows, fields } = layout.data;
  rows.forEach((r, i) => {
    const values = fields.map((f, k) => cellValue(r.values[k] ?? null, layout.dateFields.has(f)));
    const row = ws.addRow([i + 1, neutraliseText(r.partner), ...values, neutraliseText(r.file), neutraliseText(r.sheet), r.row]);
    layout.helpers.forEach((h, k) => {
      const c = h.cells[i]!;
      row.getCell(layout.columns.length + k + 1).value = c.formula ? { formula: c.formula, result: c.value } : c.value;
    });
  });
  fields.forEach((f, k) => {
    if (layout.dateFields.has(f)) ws.getColumn(k + 3).numFmt = "yyyy-mm-dd";
  });
  headers.forEach((h, k) => (ws.getColumn(k + 1).width = Math.min(40, Math.max(6, h.length + 2))));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
}
