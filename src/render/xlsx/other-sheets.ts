import type { Workbook } from "exceljs";
import { leftOutReason } from "../collect-data.js";
import type { ReportModel } from "../model.js";
import { neutraliseText } from "./safe-text.js";
import { styleHeaderRow } from "./style.js";

const text = (v: string | number | undefined | null) => (typeof v === "string" ? neutraliseText(v) : (v ?? null));

/** The `Findings` sheet: every validation finding listed in the Report, one per row. */
export function writeFindingsSheet(wb: Workbook, model: ReportModel): void {
  const ws = wb.addWorksheet("Findings", { views: [{ state: "frozen", ySplit: 1 }] });
  const headers = ["Severity", "Check", "Title", "Partner", "File", "Sheet", "Cell", "Row", "Message", "Expected", "Actual", "Note"];
  ws.addRow(headers);
  styleHeaderRow(ws, 1);
  const title = new Map(model.quality.byCheck.map((c) => [c.code, c.title]));
  for (const f of model.quality.findings) {
    ws.addRow([f.severity, f.code, title.get(f.code) ?? f.code, f.partner, f.file, f.sheet, f.cell, f.row, f.message, f.expected, f.actual, f.note].map(text));
  }
  if (model.quality.summary.truncated) ws.addRow(["", "", "The list was cut by --max-findings; the counts in the report cover every finding."]);
  [9, 18, 28, 10, 32, 14, 7, 6, 70, 10, 10, 40].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
}

/** The `Sources` sheet: each input file with its SHA-256, the project file, version and command. */
export function writeSourcesSheet(wb: Workbook, model: ReportModel): void {
  const ws = wb.addWorksheet("Sources");
  ws.addRow(["File", "Kind", "Partner", "Rows", "Bytes", "SHA-256"]);
  styleHeaderRow(ws, 1);
  for (const s of model.sources) ws.addRow([s.path, s.kind, s.partner, s.rows, s.bytes, s.sha256].map(text));
  ws.addRow([]);
  const facts: [string, string][] = [
    ["Project file", `${model.projectFile.path}`],
    ["Project file SHA-256", model.projectFile.sha256],
    ["logframe version", model.version],
    ["Report date", model.date],
    ["Regenerate with", model.command],
    ...model.data.flatMap((d): [string, string][] =>
      d.leftOut ? [[`No data sheet for ${d.kind}`, `${leftOutReason(d.kind, d.leftOut)}; its figures are written as values; logframe trace lists the rows`]] : [],
    ),
  ];
  for (const [k, v] of facts) {
    const row = ws.addRow([k, text(v)]);
    row.getCell(1).font = { bold: true };
  }
  [44, 24, 10, 8, 10, 68].forEach((w, i) => (ws.getColumn(i + 1).width = w));
}
