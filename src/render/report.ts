/** The report renderers' public surface (Word and Excel), re-exported by `src/index.ts`. */
import type { DocxOptions } from "./docx/render-docx.js";
import type { ReportModel } from "./model.js";
export { buildReportModel, summariseQuality, type ReportModelInput } from "./build-model.js";
export { createDataCollector, dataFields, DEFAULT_DATA_SHEET_ROWS, leftOutReason } from "./collect-data.js";
export { createNumberFormatter, groupIndian, type NumberFormatter } from "./format-number.js";
export { REPORT_TYPES, ReportModelSchema, type ReportModel, type ReportType, type ReportSource, type ReportDataSheet } from "./model.js";
export { compileNarrative, narrativeContext, TEMPLATE_NAMES, type TemplateName, type TemplateSources } from "./narrative.js";
export { formatLongDate, resolveReportDate } from "./report-date.js";
export { reportBaseName, slugify } from "./slug.js";
export type { DocxOptions } from "./docx/render-docx.js";

// docx, exceljs and the chart rasteriser are loaded only when a report is rendered, so that commands
// which never render (validate, aggregate, trace) and `--help` start fast (performance issue).

/** Render the Word report of a model. @example await renderDocx(model, { templates }) */
export async function renderDocx(model: ReportModel, options: DocxOptions): Promise<Uint8Array> {
  return (await import("./docx/render-docx.js")).renderDocx(model, options);
}

/** Render the Excel indicator-tracking workbook of a model. @example await renderXlsx(model) */
export async function renderXlsx(model: ReportModel): Promise<Uint8Array> {
  return (await import("./xlsx/render-xlsx.js")).renderXlsx(model);
}
