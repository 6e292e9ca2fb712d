/** The report renderers' public surface (Word and Excel), re-exported by `src/index.ts`. */
export { buildReportModel, summariseQuality, type ReportModelInput } from "./build-model.js";
export { createDataCollector, dataFields } from "./collect-data.js";
export { createNumberFormatter, groupIndian, type NumberFormatter } from "./format-number.js";
export { REPORT_TYPES, ReportModelSchema, type ReportModel, type ReportType, type ReportSource, type ReportDataSheet } from "./model.js";
export { compileNarrative, narrativeContext, TEMPLATE_NAMES, type TemplateName, type TemplateSources } from "./narrative.js";
export { formatLongDate, resolveReportDate } from "./report-date.js";
export { reportBaseName, slugify } from "./slug.js";
export { renderDocx, type DocxOptions } from "./docx/render-docx.js";
export { renderXlsx } from "./xlsx/render-xlsx.js";
