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
  /**
   * The file as a stream of chunks (large CSVs). With `buffers`, each chunk is read into a buffer
   * taken from it (the chunk is a view of that buffer), so a reader can read a long file through the
   * same few buffers; without, each chunk is memory of its own.
   */
  open(buffers?: ChunkBuffers): AsyncIterable<Uint8Array>;
  /**
   * The file's absolute path, when it is a file on disk: a large xlsx is then read from it by random
   * access (its zip directory first, then each part), never held in memory whole.
   */
  diskPath?: string;
}

/** Buffers to read a file's chunks into (see `ChunkPool`). */
export interface ChunkBuffers {
  /** A buffer for the next chunk: its length is the most the chunk may be. */
  take(): Uint8Array;
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

/**
 * One physical row; `cells[0]` is column A. `row` is the 1-based row number Excel shows (for a CSV,
 * the line the record starts on). `lines` is how many physical lines the record spans when it is more
 * than one (a CSV field with line breaks in quotes), so the line after it is not taken for a blank one.
 */
export interface RawRow {
  row: number;
  cells: RawValue[];
  lines?: number;
}

/**
 * CSV records as spans of their UTF-8 bytes, so a consumer can read numbers and look up repeated text
 * without making a string per cell (`src/read/spans.ts` reads them). Record `r` (0 ≤ r < count) has the
 * fields `fields[r]` to `fields[r + 1] - 1`; field `f` is `bytes[starts[f], ends[f])`, or, where
 * `starts[f]` is negative, the text `texts[-starts[f] - 1]` (a quoted field with escaped quotes).
 * An empty field is a blank cell. Entirely blank records are left out, as `rows` leaves them out.
 */
export interface CellSpans {
  bytes: Uint8Array<ArrayBufferLike>;
  count: number;
  /** The physical line each record starts on. */
  lines: Int32Array<ArrayBufferLike>;
  /** Physical lines each record spans (1 unless a quoted field holds line breaks). */
  spans: Int32Array<ArrayBufferLike>;
  /** `count + 1` entries: where each record's fields start in `starts`/`ends`. */
  fields: Int32Array<ArrayBufferLike>;
  starts: Int32Array<ArrayBufferLike>;
  ends: Int32Array<ArrayBufferLike>;
  texts: string[];
  /**
   * The number of the file chunk `bytes` is part of (chunks are numbered in file order) when the
   * reader reads through reused buffers (see `RawSheet.release`); -1 or missing otherwise.
   */
  chunk?: number;
}

/** One sheet (a CSV is one sheet named after the file's base name). Rows stream in order. */
export interface RawSheet {
  name: string;
  hidden: boolean;
  rows: AsyncIterable<RawRow>;
  /**
   * CSV only: the records not yet taken from `rows`, as byte spans, for a reader of many rows that
   * has read the header through `rows`. `rows` and `spans()` share one position: use one or the other
   * from then on.
   */
  spans?(): AsyncIterable<CellSpans>;
  /**
   * CSV read through reused buffers (`ReadOptions.reuseChunks`): the caller no longer points into
   * spans of chunks numbered below `chunk` (`CellSpans.chunk`), so their buffers may be read into
   * again. Without this call, no buffer is reused.
   */
  release?(chunk: number): void;
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

/**
 * Data rows of one table in column form, as `ingestSources(…, { batches: true })` hands them over:
 * what a run of `row` events would carry, without an object per row. A numeric field (integer,
 * number) is a `Float64Array` with `NaN` for a blank; any other field is an array of values (null for
 * a blank). A field the sheet has no column for is absent (every value null). `row(i)` is the
 * `DataRow` the row-by-row stream would have carried, for the rows a check or a measure needs whole.
 */
export interface RowBatch {
  table: Table;
  size: number;
  /** Physical row numbers, ascending. */
  rows: Int32Array;
  /** A numeric field's values (`NaN` for a blank), or undefined when the field is not numeric or has no column. */
  numbers(field: string): Float64Array | undefined;
  /** A non-numeric field's values, or undefined when the field is numeric or has no column. */
  values(field: string): readonly Value[] | undefined;
  /** Row `i` whole (the same object each time it is asked for). */
  row(i: number): DataRow;
  /**
   * A non-numeric field's values as numbers into a list of its distinct values, when the batch holds
   * it so (dates, categories, repeated text): what a consumer works out per value, it can work out
   * once per number. The list is shared by the table's batches and only grows.
   */
  codes?(field: string): BatchCodes | undefined;
}

/** A column as codes: row `i` holds `dict[codes[i]]`, or null where the code is -1. */
export interface BatchCodes {
  codes: Int32Array;
  dict: readonly Value[];
}

/**
 * Something worked out once per distinct value of coded columns: `get(codes)` gives the answers by
 * code for that column's list (kept per list, so batches of one table share them).
 * @example const m = codeMemo((v) => typeOf(v)); const of = m.get(c); of(c.codes[i])
 */
export function codeMemo<T>(make: (v: Value) => T): { get(c: BatchCodes): (code: number) => T } {
  const memos = new WeakMap<readonly Value[], T[]>();
  const blank = { made: false, value: undefined as T };
  return {
    get(c) {
      let memo = memos.get(c.dict);
      if (!memo) memos.set(c.dict, (memo = []));
      const m = memo;
      return (code) => {
        if (code < 0) {
          if (!blank.made) {
            blank.value = make(null);
            blank.made = true;
          }
          return blank.value;
        }
        let r = m[code];
        if (r === undefined && !(code in m)) m[code] = r = make(c.dict[code]!);
        return r as T;
      };
    },
  };
}


/**
 * Reads rows of a batch into one reused values object that holds only `fields` (those a predicate or a
 * measure reads), each as the row's `values` would hold it, so code written for a row's
 * `values` runs on a batch without a DataRow per row. `read(i)` returns the same object each time.
 * @example const r = batchReader(batch, ["female", "total"]); measure.add(r.read(i), split)
 */
export function batchReader(batch: RowBatch, fields: readonly string[]): { values: Record<string, Value>; read(i: number): Record<string, Value> } {
  const values: Record<string, Value> = {};
  for (const f of fields) values[f] = null;
  const numeric = fields.map((f) => batch.numbers(f));
  const other = fields.map((f, k) => (numeric[k] ? undefined : batch.values(f)));
  const n = fields.length;
  return {
    values,
    read(i) {
      for (let k = 0; k < n; k++) {
        const num = numeric[k];
        if (num) {
          const x = num[i]!;
          values[fields[k]!] = x === x ? x : null;
        } else values[fields[k]!] = other[k]?.[i] ?? null;
      }
      return values;
    },
  };
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

/**
 * What normalising a project's sources yields, in file order, row by row. Data rows come as `row`
 * events, or, when the caller asks for batches, partly as `batch` events (rows in column form).
 */
export type IngestEvent =
  | { type: "table"; table: Table }
  | { type: "row"; row: DataRow }
  | { type: "batch"; batch: RowBatch }
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

/** The data rows an event carries: a row event's row, every row of a batch, or none. */
export function eventRows(event: IngestEvent): DataRow[] {
  if (event.type === "row") return [event.row];
  if (event.type !== "batch") return [];
  const b = event.batch;
  const out: DataRow[] = new Array(b.size);
  for (let i = 0; i < b.size; i++) out[i] = b.row(i);
  return out;
}
