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
  "sex-sum": entry("row", "error", "Sexes do not add up", "A row's total is not female + male + other, in an event sheet or a claims sheet. A blank part counts as zero; a row with no part filled in is not checked.", "Events!K14: total 120, but female 50 + male 60 + other 0 = 110"),
  "negative-count": entry("cell", "error", "Negative count", "A count of people, events or money is below zero.", "Events!H14: Female is -3; a count cannot be below zero"),
  "non-integer-count": entry("cell", "error", "Fractional count of persons", "A count of persons is not a whole number: a persons column of a sheet, or a claimed achievement of an indicator counted in persons.", "Events!H14: Total is 12.5; a count of persons is a whole number"),
  "date-out-of-period": entry("cell", "error", "Date outside the project phase", "A date falls before the phase starts or after it ends (a date after the run's date is reported as date-in-future instead).", "Events!B14: Date 2018-05-01 is before the phase start 2019-11-07"),
  "date-in-future": entry("cell", "error", "Date in the future", "A date is later than the run's date (`--now`, default today).", "Batches!J7: Placement date 2031-01-01 is after today (2023-01-07)"),
  "date-order": entry("row", "error", "Dates out of order", "A later step is dated before an earlier one: training end or placement before the training start, placement before the training end, drop-out, counselling, ready-to-go or TNA before enrolment, TNA before ready-to-go. One finding per row, at the later date.", "Batches!H7: End date 2021-01-10 is before Start date 2021-03-01"),

  // ── Table-level checks ──────────────────────────────────────────────────────────────────────
  "duplicate-row": entry("row", "error", "Duplicate row", "The same record twice by its kind's key (an event's date, type, venue and figures; a trainee in a batch; a claim's code and period), within one partner's files of a kind, ignoring case and spaces. The message names both places.", "Events row 31: row 31 repeats Events row 12 in partners/rj/events-2021.xlsx (same Date, Event type, Venue, Female, Male, Other, Total)"),
  "duplicate-person": entry("row", "error", "Person recorded twice", "One survivor id twice in a partner's register (across its files), or one trainee in two batches whose dates overlap.", "Register!B88: survivor RJ-0412 is also on Register!B40"),
  "unknown-reference": entry("cell", "warning", "Unknown survivor id", "A trainee's survivor id is in no survivor register of the project (checked only when the project has a register and one was read).", "Batches!D12: survivor RJ-9999 is in no survivor register of the project"),
  "outlier": entry("cell", "warning", "Unusual figure", "An event's attendance is far outside the distribution of its event type: a robust z-score (distance from the median over 1.4826 × MAD) beyond `checks.outlier_z` (3.5), given at least five events of the type.", "Events!K20: 4,000 at a TIE session, where the median of 9 such events is 220"),
  "total-row-mismatch": entry("row", "error", "Totals row does not add up", "A sheet's own totals row differs from the sum of the data rows above it, per numeric column; a subtotal from the rows since the previous subtotal.", "Events!H40: the total row \"Total\" says 1,978 for Total, but the rows it covers (rows 5-39) add up to 1,878"),

  // ── Logframe consistency ────────────────────────────────────────────────────────────────────
  "funnel-order": entry("logframe", "error", "Later stage exceeds an earlier one", "Along the project file's `funnel` (enrolled ≥ counselled ≥ ready-to-go ≥ TNA ≥ graduated ≥ placed), a stage has more people than the one before it: per sex, on the figures computed from the raw sheets (project-wide and per partner) and on each partner's claims.", "female: 410 at 1.2.graduated but 403 at the earlier stage 1.2.tna (in RJ's claims for phase)"),
  "funnel-skip": entry("row", "warning", "Stage without the stages before it", "In person-level data, a person reached a `funnel` stage without the stages before it (placed but never graduated, TNA without ready-to-go).", "Batches!J12: RJ-0412 reached 1.2.placed without 1.2.graduated"),
  "breakdown-sum": entry("logframe", "error", "Breakdown does not add up", "The parts of a declared breakdown (`breakdowns` in the project file) do not add up to the whole, per sex, on computed figures or on a partner's claims: graduates by training type, wage + self placements.", "Target vs Achievement!I16: graduates by training type, total: 1.2.graduated_skill 318 + 1.2.graduated_edt 99 + 1.2.graduated_both 22 = 439, but 1.2.graduated is 449 (in RJ's claims for phase)"),
  "claim-unchecked": entry("row", "info", "Claimed figure not compared", "A claimed figure could not be compared with the data: its period is not one logframe can read, or its indicator is not computed from source rows.", "Claims!B9: RJ's claims for \"Year one\" are not compared with the data: period \"Year one\" is not a period logframe understands (try phase, 2021Q3, FY2021-22, PY2)"),
  "claim-mismatch": entry("row", "error", "Claimed figure differs from the data", "A partner's claimed achievement (spp-target-achievement) differs from what the raw sheets give for the same indicator, period and sex; the message names the claims cell and the rows the figure was computed from.", "Target vs Achievement!I16: RJ claims 449 for 1.2.graduated (total, phase) at Target vs Achievement!I16; the raw sheets give 439, computed from 439 rows of partners/rrf/batch-status.xlsx, partners/rj/mentor-mentee.xlsx; run `logframe trace 1.2.graduated --period phase`"),
  "rule-failed": entry("logframe", "error", "Logframe rule failed", "A rule of the project file (`rules`) does not hold, on computed figures or on a partner's claims; a rule without a sex selector is checked for the total and for each sex. Severity is the rule's.", "Target vs Achievement!G7: 1.1.active[female] == 1.1.enrolled[female] - 1.1.dropped[female]: 391 == 325 is false (in RJ's claims for phase)"),
  "unknown-indicator": entry("logframe", "error", "Unknown indicator", "A rule, the funnel, a breakdown or a claims row names an indicator code (or reference) the logframe does not have.", "rules[3] names 1.9.placed, which is not in the logframe"),
} as const satisfies Record<string, CatalogEntry>;

/** Every finding code logframe can emit. */
export type FindingCode = keyof typeof CATALOG;

/** Look up a code's catalogue entry. */
export function catalogEntry(code: FindingCode): CatalogEntry {
  return CATALOG[code];
}
