/**
 * The floor for xlsx: a bare exceljs streaming read of the workbook that adds up the Total
 * column (K), with no checks. Usage: `node --import tsx bench/jobs/exceljs-read.ts events.xlsx`.
 */
import ExcelJS from "exceljs";
import { emit, markStart } from "./job-output.js";

const file = process.argv[2]!;
const t0 = markStart();
const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: "cache", styles: "cache", worksheets: "emit" });
let rows = 0;
let total = 0;
for await (const sheet of reader) {
  for await (const row of sheet) {
    if (row.number === 1) continue;
    rows++;
    const v = row.getCell(11).value;
    if (typeof v === "number") total += v;
  }
}
emit({ rows, seconds: (performance.now() - t0) / 1000, checks: { total } });
