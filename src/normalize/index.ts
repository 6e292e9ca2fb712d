/**
 * normalize/: raw sheets → typed rows of a source kind. `ingestSources` is the stage's entry point;
 * the helpers below are the pieces other stages and tools may reuse.
 */
export { ingestSources, type IngestOptions, type ReadWorkbook } from "./ingest.js";
export { createPseudonymiser, PSEUDONYM_KEY_ENV } from "./pseudonym.js";
export { dateOrderEvidence, parseDateText, serialToIso, type DateOrder, type DateReading } from "./dates.js";
export { detectHeader, HEADER_SEARCH_ROWS, type HeaderMatch, type HeaderSearch } from "./header.js";
export { foldLabel } from "./fold.js";
export { isIdentifyingLabel } from "./identifying.js";
export { buildResolver, type LabelResolver } from "./labels.js";
export { isTotalText } from "./totals.js";
export { parseNumberText } from "./values.js";
