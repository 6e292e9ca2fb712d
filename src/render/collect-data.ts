import { SOURCE_KINDS, type SourceKindName } from "../schema/kinds/index.js";
import { eventRows, type IngestEvent, type Sink } from "../schema/table.js";
import type { ReportDataRow, ReportDataSheet } from "./model.js";

/** The normalised columns of a kind's data sheet: every field except the identifying ones, in spec order. */
export function dataFields(kind: SourceKindName): string[] {
  return Object.entries(SOURCE_KINDS[kind].fields)
    .filter(([, spec]) => !("identifying" in spec && spec.identifying))
    .map(([name]) => name);
}

/**
 * Rows a data sheet holds unless told otherwise (`logframe report --data-rows`). The workbook is
 * made in memory, at ~20 KB a row (exceljs' cells and their XML): a kind with more rows gets no data
 * sheet, so a report of a large project is written in bounded memory.
 */
export const DEFAULT_DATA_SHEET_ROWS = 20_000;

/** Excel's last row, less the header: no data sheet holds more rows than this. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;

/**
 * A Sink that keeps the normalised rows of each kind, in ingest order, for the workbook's data sheets
 * (rows of `row` and `batch` events alike). A kind with more than `maxRows` rows (or more than
 * Excel's rows) keeps none: its sheet is `leftOut`, with its count, and the memory its rows took is
 * let go as soon as the count passes the limit.
 * Identifying fields are never kept even if a row carried them.
 * @example const data = createDataCollector(); for await (const e of events) data.add(e); data.finish()
 */
export function createDataCollector(opts: { maxRows?: number } = {}): Sink<ReportDataSheet[]> {
  const max = Math.min(opts.maxRows ?? DEFAULT_DATA_SHEET_ROWS, EXCEL_MAX_DATA_ROWS);
  const sheets = new Map<SourceKindName, { fields: string[]; rows: ReportDataRow[]; count: number }>();
  return {
    add(event: IngestEvent) {
      if (event.type !== "row" && event.type !== "batch") return;
      const table = event.type === "row" ? event.row.table : event.batch.table;
      let sheet = sheets.get(table.kind);
      if (!sheet) {
        sheet = { fields: dataFields(table.kind), rows: [], count: 0 };
        sheets.set(table.kind, sheet);
      }
      const size = event.type === "row" ? 1 : event.batch.size;
      sheet.count += size;
      if (sheet.count > max) {
        sheet.rows = [];
        return;
      }
      // A batch's rows are made whole: the data sheets keep every row anyway.
      for (const { row, values } of eventRows(event)) {
        sheet.rows.push({
          partner: table.partner,
          file: table.file,
          sheet: table.sheet,
          row,
          values: sheet.fields.map((f) => values[f] ?? null),
        });
      }
    },
    finish() {
      const order = Object.keys(SOURCE_KINDS) as SourceKindName[];
      return order
        .filter((k) => sheets.has(k))
        .map((kind) => {
          const { fields, rows, count } = sheets.get(kind)!;
          return count > max ? { kind, fields, rows: [], leftOut: { rows: count, max } } : { kind, fields, rows };
        });
    },
  };
}
