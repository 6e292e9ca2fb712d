/**
 * logframe's library API. The CLI (`src/cli/`) imports only from here.
 * Data flows one way: read → normalize → validate → aggregate → render.
 */
export { CATALOG, catalogEntry, type CatalogEntry, type FindingCode } from "./errors/catalog.js";
export { FindingSchema, formatLocation, type Finding, type Origin, type Severity } from "./errors/finding.js";
export { buildReport, ReportSchema, type Report } from "./errors/report.js";
export { isReportingError, ReportingError } from "./errors/reporting-error.js";
export { SOURCE_KINDS, type SourceKindName } from "./schema/kinds/index.js";
export { parseProject, walkIndicators, type IndicatorPlace } from "./schema/parse-project.js";
export { ProjectFileSchema, type Indicator, type ProjectFile, type Source } from "./schema/project.js";
export { projectJsonSchema } from "./schema/json-schema.js";
export type { AggregateResult, IndicatorResult, Period } from "./schema/result.js";
export type { ChunkBuffers, DataRow, IngestEvent, InputFile, RawSheet, RawWorkbook, Sink, SourceFiles, Table, TotalRow } from "./schema/table.js";
export { CHUNK_BYTES, ChunkPool, prewarmReader, readWorkbook, type Limits, type ReadOptions } from "./read/index.js";
export { normalizeSex, SEXES, type Sex, type SexSplit } from "./schema/sex.js";
export {
  aggregateIndicators,
  createEngine,
  createMultiEngine,
  DIMENSIONS,
  formatDate,
  isDimension,
  mergeStates,
  parsePeriod,
  PERIOD_FORMS,
  periodLabel,
  resultFromState,
  splitPeriod,
  SPLIT_UNITS,
  traceIndicator,
  traceSumLine,
  type Dimension,
  type Engine,
  type EngineOptions,
  type EngineState,
  type MultiEngine,
  type MultiEngineOptions,
  type SplitUnit,
  type Trace,
  type TraceOptions,
  type TraceRow,
} from "./aggregate/index.js";
export {
  CHECKS,
  claimPeriods,
  compileRules,
  createValidator,
  DEFAULT_MAX_FINDINGS,
  parseExpression,
  scanClaims,
  selectCodes,
  validateProject,
  type FigureHooks,
  type ValidateOptions,
} from "./validate/index.js";
export { renderGithub, renderJson, renderJunit, renderText, summaryLine, type GithubOptions, type JunitOptions, type TextOptions } from "./render/findings/index.js";
export {
  buildResolver,
  dateOrderEvidence,
  detectHeader,
  foldLabel,
  createPseudonymiser,
  ingestSources,
  isIdentifyingLabel,
  PSEUDONYM_KEY_ENV,
  isTotalText,
  parseDateText,
  parseNumberText,
  serialToIso,
  type DateOrder,
  type HeaderMatch,
  type IngestOptions,
  type ReadWorkbook,
} from "./normalize/index.js";
export * from "./render/report.js";
