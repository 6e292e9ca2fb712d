import type { Finding } from "../errors/finding.js";
import type { Value } from "./kind.js";
import type { SourceKindName } from "./kinds/index.js";
import type { Source } from "./project.js";

// ── Inputs: what the CLI hands the library (the core never touches the file system) ─────────────

/** A file the project reads, opened by the caller. `path` is relative to the project file. */
export interface InputFile {
  path: string;
  size: number;
  /** The whole file (xlsx needs its zip directory at the end). */
  readAll(): Promise<Uint8Array>;
  /** The file as a stream of chunks (large CSVs). */
  open(): AsyncIterable<Uint8Array>;
}

// ── read/: a spreadsheet as cells ────────────────────────────────────────────────────────────────

/** An Excel error value such as `#REF!` or `#DIV/0!`. */
export interface CellError {
  error: string;
}

/**
 * A cell as read: text, a number (formula cells give their cached result), a boolean, a date
 * (xlsx date cells; serial numbers in date-formatted cells are converted by the reader), an error, or blank.
 */
export type RawValue = string | number | boolean | Date | CellError | null;

/** One physical row; `cells[0]` is column A. `row` is the 1-based row number Excel shows. */
export interface RawRow {
  row: number;
  cells: RawValue[];
}

/** One sheet (a CSV is one sheet named after the file's base name). Rows stream in order. */
export interface RawSheet {
  name: string;
  hidden: boolean;
  rows: AsyncIterable<RawRow>;
}

/** A file opened for reading: its sheets in workbook order, plus what the reader noticed. */
export interface RawWorkbook {
  file: string;
  format: "xlsx" | "csv";
  sheets: AsyncIterable<RawSheet>;
  /** Findings about the file itself (encoding guessed, guard refusals...). Complete once `sheets` is consumed. */
  findings: Finding[];
}

// ── normalize/: typed rows of a source kind ──────────────────────────────────────────────────────

/** A column of a normalised table: which field it feeds, its letter, and the header text it had. */
export interface TableColumn {
  field: string;
  letter: string;
  label: string;
}

/** A sheet recognised as a source kind. */
export interface Table {
  file: string;
  sheet: string;
  kind: SourceKindName;
  partner: string;
  /** Physical row numbers of the header (two for a merged two-row header). */
  headerRows: number[];
  columns: TableColumn[];
  /** Columns of personal data dropped at read time: letter and header label only, never a value. */
  dropped?: { letter: string; label: string }[];
}

/** A data row: values by field name (identifying fields never appear), and where it came from. */
export interface DataRow {
  table: Table;
  row: number;
  values: Record<string, Value>;
}

/** A total or subtotal row the partner wrote; kept out of the data, kept for `total-row-mismatch`. */
export interface TotalRow {
  table: Table;
  row: number;
  label: string;
  values: Record<string, Value>;
  /** True for a subtotal (a total of the rows since the previous subtotal). */
  subtotal: boolean;
}

/** What normalising a project's sources yields, in file order, row by row. */
export type IngestEvent =
  | { type: "table"; table: Table }
  | { type: "row"; row: DataRow }
  | { type: "total"; total: TotalRow }
  | { type: "finding"; finding: Finding }
  | { type: "file"; file: string; rows: number };

/** The letter of a 0-based column index: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The cell reference of a field in a row, e.g. `H14`, or undefined when the table has no such column. */
export function cellOf(table: Table, field: string, row: number): string | undefined {
  const col = table.columns.find((c) => c.field === field);
  return col ? `${col.letter}${row}` : undefined;
}

/** A source of the project file with the files its path or glob matched, opened by the caller. */
export interface SourceFiles {
  source: Source;
  /** Position in the project file's `sources` list, for messages (`sources[2]`). */
  index: number;
  files: InputFile[];
}

/**
 * Something that consumes the ingest stream row by row and gives a result at the end: the
 * validator and the indicator engine are both sinks, so one pass over the data feeds both.
 */
export interface Sink<T> {
  add(event: IngestEvent): void;
  finish(): T;
}
