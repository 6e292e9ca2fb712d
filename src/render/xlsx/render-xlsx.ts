import ExcelJS from "exceljs";
import type { SourceKindName } from "../../schema/kinds/index.js";
import type { ReportModel } from "../model.js";
import { reportTimestamp } from "../report-date.js";
import { writeDataSheet } from "./data-sheets.js";
import { layoutDataSheet, type DataSheetLayout } from "./layout.js";
import { writeFindingsSheet, writeSourcesSheet } from "./other-sheets.js";
import { writeTrackingSheet } from "./tracking-sheet.js";
import { stampZipTimes } from "../zip-times.js";
import { EXCEL_MAX_DATA_ROWS } from "../collect-data.js";

/**
 * Render the Excel workbook of a report: `Indicator Tracking` (achievement cells are live formulas
 * over the data sheets, with logframe's figures as cached values), one `Data_<kind>` sheet per source
 * kind (normalised columns, origin, partner; never identifying columns), `Findings` and `Sources`.
 * Created/modified are the report date, so the same inputs give the same workbook content.
 * @example const bytes = await renderXlsx(model); await writeFile("report.xlsx", bytes)
 */
export async function renderXlsx(model: ReportModel): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const stamp = reportTimestamp(model.date);
  wb.creator = "logframe";
  wb.lastModifiedBy = "logframe";
  wb.created = stamp;
  wb.modified = stamp;
  wb.title = `${model.project.name}: ${model.type === "closeout" ? "close-out" : "progress"} report, ${model.period.label}`;
  wb.calcProperties = { fullCalcOnLoad: true };

  const layouts = new Map<SourceKindName, DataSheetLayout>();
  // A kind with more rows than a data sheet holds has none (`leftOut`): its figures are written as values.
  for (const data of model.data) if (!data.leftOut && data.rows.length <= EXCEL_MAX_DATA_ROWS) layouts.set(data.kind, layoutDataSheet(data));

  writeTrackingSheet(wb, model, layouts);
  for (const layout of layouts.values()) writeDataSheet(wb, layout);
  writeFindingsSheet(wb, model);
  writeSourcesSheet(wb, model);
  const buf = await wb.xlsx.writeBuffer();
  return stampZipTimes(new Uint8Array(buf as ArrayBuffer), model.date);
}
