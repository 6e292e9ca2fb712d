import { SOURCE_KINDS, type SourceKindName } from "../schema/kinds/index.js";
import { eventRows, type IngestEvent, type Sink } from "../schema/table.js";
import type { ReportDataRow, ReportDataSheet, ReportLeftOut } from "./model.js";

/** A kind's rows as they are kept: `out` once it is left out, and why. */
interface Kept {
  fields: string[];
  rows: ReportDataRow[];
  count: number;
  out: ReportLeftOut["why"] | undefined;
}

/** The normalised columns of a kind's data sheet: every field except the identifying ones, in spec order. */
export function dataFields(kind: SourceKindName): string[] {
  return Object.entries(SOURCE_KINDS[kind].fields)
    .filter(([, spec]) => !("identifying" in spec && spec.identifying))
    .map(([name]) => name);
}

/**
 * Rows the workbook's data sheets hold together unless told otherwise (`logframe report --data-rows`).
 * exceljs makes the workbook in memory at ~21 KB a row (cells, their XML, the zip): 10,000 rows add
 * ~210 MB. Past the limit the largest kinds get no data sheet, so a report of a large project is
 * written in bounded memory.
 */
export const DEFAULT_DATA_SHEET_ROWS = 10_000;

/** Excel's last row, less the header: no data sheet holds more rows than this. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;

/**
 * A Sink that keeps the normalised rows of each kind, in ingest order, for the workbook's data sheets
 * (rows of `row` and `batch` events alike), at most `maxRows` of them in all. Whenever the rows kept
 * pass it, the kind with the most rows kept is left out: its rows are let go at once, and from then on
 * it is only counted (`leftOut`, with its count and the limit). A kind is never kept past Excel's rows.
 * Identifying fields are never kept even if a row carried them.
 * @example const data = createDataCollector(); for await (const e of events) data.add(e); data.finish()
 */
export function createDataCollector(opts: { maxRows?: number } = {}): Sink<ReportDataSheet[]> {
  const max = opts.maxRows ?? DEFAULT_DATA_SHEET_ROWS;
  const sheets = new Map<SourceKindName, Kept>();
  let kept = 0;
  /** Leave kinds out, the most rows first, until the rows kept fit. */
  const fit = (): void => {
    while (kept > max) {
      let most: Kept | undefined;
      for (const s of sheets.values()) if (!s.out && (!most || s.rows.length > most.rows.length)) most = s;
      if (!most) return;
      kept -= most.rows.length;
      most.rows = [];
      most.out = "limit";
    }
  };
  return {
    add(event: IngestEvent) {
      if (event.type !== "row" && event.type !== "batch") return;
      const table = event.type === "row" ? event.row.table : event.batch.table;
      let sheet = sheets.get(table.kind);
      if (!sheet) {
        sheet = { fields: dataFields(table.kind), rows: [], count: 0, out: undefined };
        sheets.set(table.kind, sheet);
      }
      const size = event.type === "row" ? 1 : event.batch.size;
      sheet.count += size;
      if (sheet.count > EXCEL_MAX_DATA_ROWS && !sheet.out) {
        kept -= sheet.rows.length;
        sheet.rows = [];
        sheet.out = "excel";
      }
      if (sheet.out) return;
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
      kept += size;
      fit();
    },
    finish() {
      const order = Object.keys(SOURCE_KINDS) as SourceKindName[];
      return order
        .filter((k) => sheets.has(k))
        .map((kind) => {
          const { fields, rows, count, out } = sheets.get(kind)!;
          return out ? { kind, fields, rows: [], leftOut: { rows: count, max: out === "excel" ? EXCEL_MAX_DATA_ROWS : max, why: out } } : { kind, fields, rows };
        });
    },
  };
}

/**
 * Why a kind has no data sheet, in words (stderr, the tracking sheet's notes, the Sources sheet).
 * @example leftOutReason("survivor-register", { rows: 930, max: 600, why: "limit" }) // "the workbook has no data sheet for survivor-register (930 rows): …"
 */
export function leftOutReason(kind: SourceKindName, out: ReportLeftOut): string {
  const n = (x: number) => x.toLocaleString("en-GB");
  return out.why === "excel"
    ? `the workbook has no data sheet for ${kind}: its ${n(out.rows)} rows are more than an Excel sheet holds (${n(out.max)})`
    : `the workbook has no data sheet for ${kind} (${n(out.rows)} rows): its data sheets hold ${n(out.max)} rows in all, the largest kinds left out (logframe report --data-rows)`;
}
