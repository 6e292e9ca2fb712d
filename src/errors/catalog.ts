import type { Scope, Severity } from "./finding.js";

/** What every finding code means. `logframe checks` and the README's checks table are generated from this. */
export interface CatalogEntry {
  scope: Scope;
  severity: Severity;
  title: string;
  description: string;
  example: string;
}

const entry = (scope: Scope, severity: Severity, title: string, description: string, example: string): CatalogEntry => ({
  scope,
  severity,
  title,
  description,
  example,
});

/**
 * The one catalogue of finding codes. Codes are kebab-case and stable; where a Frictionless error
 * type means the same thing we use its name (`type-error`, `missing-cell`, `blank-row`, ...).
 */
export const CATALOG = {
  // ── Files: reading and guarding (foundation and robustness issues) ──────────────────────────
  "file-not-found": entry("file", "error", "File not found", "A source in the project file names a path or glob that matches no file.", "sources[2].path `partners/rj/*.xlsx` matched nothing"),
  "file-unreadable": entry("file", "error", "File unreadable", "The file exists but could not be read (permissions, vanished mid-run, an I/O error).", "partners/rj/events.xlsx: permission denied"),
  "file-empty": entry("file", "error", "Empty file", "The file has no bytes, or a non-empty file gave no rows at all.", "partners/rj/register.csv is empty (0 bytes)"),
  "file-too-large": entry("file", "error", "File too large", "The file is larger than `limits.max_file_mb`.", "events.xlsx is 240 MB; the limit is 100 MB"),
  "format-unsupported": entry("file", "error", "Unsupported format", "The file is not an xlsx workbook or a CSV: a legacy .xls, an .ods, an .xlsb, a PDF or another format, whatever its extension says.", "register.xlsx is a legacy Excel 97-2003 (.xls) file: save it as .xlsx"),
  "file-encrypted": entry("file", "error", "Password-protected workbook", "The workbook is encrypted; logframe cannot read it without the password.", "register.xlsx is password-protected: save an unprotected copy"),
  "zip-corrupt": entry("file", "error", "Corrupt workbook", "The xlsx (zip) package is damaged or truncated.", "events.xlsx is not a valid xlsx (zip) file: the central directory is missing"),
  "zip-bomb": entry("file", "error", "Workbook expands too far", "The workbook's parts would expand beyond `limits.max_unzipped_mb` or `limits.max_entry_mb`: a zip bomb or a pathological file.", "events.xlsx would expand to 600 MB; the limit is 200 MB"),
  "sheet-too-large": entry("sheet", "error", "Sheet too large", "A sheet declares more rows, columns, merged ranges or validations than `limits` allow.", "Events declares 1,048,576 × 16,384 cells"),
  "read-timeout": entry("file", "error", "Reading took too long", "Reading the file exceeded `limits.seconds_per_file`; it was stopped so the run could finish.", "events.xlsx: gave up after 30 s"),
  "read-failed": entry("file", "error", "File could not be parsed", "The parser rejected the file. The message says where and why.", "register.csv line 12: unclosed quote"),
  "encoding-invalid": entry("file", "error", "Text encoding broken", "The CSV's bytes are not consistently in one encoding (UTF-8 mixed with other bytes, or UTF-16 without a byte-order mark), so text would be garbled.", "register.csv line 5: bytes that are not UTF-8 in a UTF-8 file"),
  "nul-bytes": entry("file", "warning", "NUL bytes removed", "The CSV contains NUL (zero) bytes, which are never part of text; they were removed.", "register.csv: 3 NUL bytes removed (first on line 2)"),
  "xml-unsafe": entry("file", "error", "Unsafe XML in workbook", "A part of the xlsx declares a DTD or entities (XXE, entity-expansion bombs) or nests elements absurdly deep. Excel never writes these; the part is refused, nothing is resolved.", "events.xlsx: xl/sharedStrings.xml declares a DTD (<!DOCTYPE>)"),
  "package-repaired": entry("file", "warning", "Workbook package incomplete", "The xlsx lacks parts Excel always writes (workbook, content types, shared strings); logframe read what it could. Check the figures against the file.", "events.xlsx has no xl/workbook.xml: sheets found by their part names"),
  "formula-no-value": entry("sheet", "warning", "Formula without a saved value", "Formula cells have no cached result (the file was written by a program that does not calculate); they read as blank. Open and save the file in Excel to calculate them.", "Events!H14: =SUM(H2:H13) has no saved value"),
  "encoding-guessed": entry("file", "warning", "Encoding guessed", "The CSV was not valid UTF-8 and was decoded as Windows-1252/Latin-1. Check accented names.", "register.csv decoded as windows-1252"),
  "sheet-not-found": entry("file", "error", "Sheet not found", "The project file names a sheet the workbook does not have.", "events.xlsx has no sheet `Events 2022` (sheets: Events, Summary)"),
  "no-data-sheet": entry("file", "error", "No usable sheet", "No visible sheet has a header row that matches the source kind.", "register.xlsx: no sheet has the columns of a survivor-register"),

  // ── Header and columns ──────────────────────────────────────────────────────────────────────
  "header-not-found": entry("header", "error", "Header row not found", "No row in the first rows of the sheet looks like the header of this source kind.", "Register: no header with `survivor id` and `sex` in rows 1-30"),
  "missing-column": entry("header", "error", "Required column missing", "A column the source kind requires is not in the header, under any known alias or the project's mapping.", "Register: no column for `enrolment_date` (tried: enrolment date, date of enrolment, enrolled on)"),
  "missing-label": entry("header", "warning", "Blank header", "A column has data but no header label; it is ignored.", "Events!K5 has data under a blank header"),
  "duplicate-label": entry("header", "warning", "Duplicate header", "Two columns map to the same field; the first is used.", "Events: `Total` appears in H and L"),
  "unknown-column": entry("header", "info", "Column not used", "A column matches no field of the source kind; it is kept in the raw data but not used.", "Register!Q4 `Remarks 2` is not a known column"),

  // ── Cells ───────────────────────────────────────────────────────────────────────────────────
  "type-error": entry("cell", "error", "Wrong type", "A cell holds a value of the wrong type: text in a count column, a word in a date column.", "Events!H14: expected a whole number, got \"twenty\""),
  "missing-cell": entry("cell", "error", "Required value missing", "A required field is blank in a data row.", "Register!C9: survivor id is blank"),
  "cell-error": entry("cell", "error", "Excel error value", "The cell holds an Excel error (#REF!, #DIV/0!, #VALUE!, #N/A...) instead of a value.", "Events!H14: #REF!"),
  "bad-date": entry("cell", "error", "Date not understood", "A date cell could not be read as a date, or names a day that does not exist.", "Events!B7: 31/02/2021 is not a date"),
  "ambiguous-date": entry("cell", "error", "Ambiguous date", "A text date could be read two ways (03/04/2021 is 3 April or 4 March). Write it as 2021-04-03 or 3-Apr-2021.", "Events!B7: 03/04/2021 is ambiguous"),
  "unknown-category": entry("cell", "error", "Unknown category", "A value is not one of the field's categories (sex, status, training type...).", "Batches!E12: sex `fmale` is not one of female, male, other"),
  "unknown-sex": entry("cell", "warning", "Sex not recorded", "The sex cell is blank or `unknown`; the row counts under `unknown`, never silently dropped.", "Register!D40: sex is blank"),
  "blank-row": entry("row", "info", "Blank row", "A blank row inside the data was skipped.", "Events row 20 is blank"),

  // ── Row-level checks (validation issue) ─────────────────────────────────────────────────────
  "sex-sum": entry("row", "error", "Sexes do not add up", "The row's total is not female + male + other (+ unknown where present).", "Events!K14: total 120, but female 50 + male 60 + other 0 = 110"),
  "negative-count": entry("cell", "error", "Negative count", "A count of people, events or money is below zero.", "Events!H14: -3"),
  "non-integer-count": entry("cell", "error", "Fractional count of persons", "A count of persons is not a whole number.", "Events!H14: 12.5 persons"),
  "date-out-of-period": entry("cell", "error", "Date outside the project phase", "A date falls before the phase starts or after it ends.", "Events!B14: 2018-05-01 is before the phase start 2019-11-07"),
  "date-in-future": entry("cell", "error", "Date in the future", "A date is later than today (the run's date).", "Batches!J7: placement on 2031-01-01"),
  "date-order": entry("row", "error", "Dates out of order", "A later step is dated before an earlier one: training end before start, placement before completion, drop-out before enrolment.", "Batches!H7: end 2021-01-10 is before start 2021-03-01"),

  // ── Table-level checks ──────────────────────────────────────────────────────────────────────
  "duplicate-row": entry("row", "error", "Duplicate row", "The same event or record appears twice, possibly in two files of one partner.", "Events row 31 repeats row 12 (same date, type, venue and figures)"),
  "duplicate-person": entry("row", "error", "Person recorded twice", "One survivor id appears twice in a register, or one trainee is in two batches that overlap in time.", "Register!B88: survivor RJ-0412 is also on row 40"),
  "unknown-reference": entry("cell", "warning", "Unknown survivor id", "A trainee's survivor id is in no register of the project.", "Batches!D12: RJ-9999 is in no survivor register"),
  "outlier": entry("cell", "warning", "Unusual figure", "An attendance is far outside the distribution of its event type (beyond 3.5 robust z-scores).", "Events!K20: 4,000 at a TIE session, where the median is 220"),
  "total-row-mismatch": entry("row", "error", "Totals row does not add up", "A sheet's own totals row differs from the sum of the rows above it.", "Events!H40: the total row says 1,978 but the rows add up to 1,878"),

  // ── Logframe consistency ────────────────────────────────────────────────────────────────────
  "funnel-order": entry("logframe", "error", "Later stage exceeds an earlier one", "A later stage of the survivor pathway has more people than an earlier one (enrolled ≥ counselled ≥ ready-to-go ≥ TNA ≥ graduated ≥ placed), per sex and partner.", "RJ female: 410 graduated but 403 had a TNA"),
  "funnel-skip": entry("row", "warning", "Stage without the stages before it", "A person reached a stage without the stages before it (placed but never graduated).", "Batches!J12: RJ-0412 placed but did not complete training"),
  "breakdown-sum": entry("logframe", "error", "Breakdown does not add up", "Parts do not add up to their whole: graduates by training type vs all graduates; wage + self placements vs all placements.", "graduates: skill 318 + EDT 99 + both 22 = 439, but 449 graduated"),
  "claim-unchecked": entry("row", "info", "Claimed figure not compared", "A claimed figure could not be compared with the data: its period is not one logframe can read, or its indicator is not computed from source rows.", "Claims!C9: period `Year one` is not a period logframe understands (try phase, 2021Q3, FY2021-22, PY2)"),
  "claim-mismatch": entry("row", "error", "Claimed figure differs from the data", "A partner's claimed achievement differs from what its raw sheets give for the same indicator, period and sex.", "Claims!F12: RJ claims 449 graduated; the batch sheets give 439"),
  "rule-failed": entry("logframe", "error", "Logframe rule failed", "A validation rule declared in the project file does not hold.", "1.2.graduated[female] <= 1.2.tna[female]: 410 <= 403 is false"),
  "unknown-indicator": entry("logframe", "error", "Unknown indicator", "An expression or claim names an indicator code the logframe does not have.", "rule 3 names 1.9.placed, which is not in the logframe"),
} as const satisfies Record<string, CatalogEntry>;

/** Every finding code logframe can emit. */
export type FindingCode = keyof typeof CATALOG;

/** Look up a code's catalogue entry. */
export function catalogEntry(code: FindingCode): CatalogEntry {
  return CATALOG[code];
}
