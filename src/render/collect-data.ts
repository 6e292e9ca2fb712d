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
 * A Sink that keeps the normalised rows of each kind, in ingest order, for the workbook's data sheets
 * (rows of `row` and `batch` events alike).
 * Identifying fields are never kept even if a row carried them.
 * @example const data = createDataCollector(); for await (const e of events) data.add(e); data.finish()
 */
export function createDataCollector(): Sink<ReportDataSheet[]> {
  const sheets = new Map<SourceKindName, { fields: string[]; rows: ReportDataRow[] }>();
  return {
    add(event: IngestEvent) {
      // A batch's rows are made whole: the data sheets keep every row anyway.
      for (const { table, row, values } of eventRows(event)) {
        let sheet = sheets.get(table.kind);
        if (!sheet) {
          sheet = { fields: dataFields(table.kind), rows: [] };
          sheets.set(table.kind, sheet);
        }
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
      return order.filter((k) => sheets.has(k)).map((kind) => ({ kind, ...sheets.get(kind)! }));
    },
  };
}
