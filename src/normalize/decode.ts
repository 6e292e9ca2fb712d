import { decodeSpan, rawRowOf } from "../read/spans.js";
import type { Value } from "../schema/kind.js";
import type { CellSpans, IngestEvent } from "../schema/table.js";
import { ColumnBatch, type BatchMemory, type BatchShape, type Coded, type ColumnKind, type ColumnPlan, type LazyText, type TextCoder } from "./batch.js";
import { ByteDictionary } from "../read/byte-dictionary.js";
import type { FieldPlan, TablePlan } from "./plan.js";
import { rowBuilder } from "./row-shape.js";
import type { SheetNormalizer } from "./sheet.js";
import { isTotalText } from "./totals.js";
import { CellProblem, type Coerced } from "./values.js";

/** Rows per batch handed over. */
export const BATCH_ROWS = 1024;

/** A cell that could not be read plainly (the row goes through the normalizer whole). */
const NOT_PLAIN = -3;
/** A plain value not in the column's dictionary (it was full): kept apart. */
const APART = -2;
/** A blank cell. */
const BLANK = -1;

/** A column of the table and how its cells are read from their bytes. */
interface Column {
  /**
   * number: digits read as they are, anything else through the field's reader; coded: each distinct
   * spelling read once by the field's reader (dates, categories, sex); lazy: ids and text, the text
   * itself, read only when a consumer asks (text with spaces at its ends through the field's reader).
   */
  how: "number" | "coded" | "lazy";
  field: FieldPlan;
  /** Position in the batch shape. */
  k: number;
  /** An id field or a required date: a totals row has none of them (see `SheetNormalizer`). */
  key: boolean;
  spellings: ByteDictionary;
  /** Per spelling: the value read (null for one that did not read plainly). */
  values: Value[];
  /** Per spelling: whether it read plainly. */
  plain: boolean[];
  /** Per spelling: whether the raw text reads like a `Total` label (for key columns). */
  totals: boolean[];
  /** What a blank cell reads as: a value, or not plain (a blank sex is a finding). */
  blank: { plain: boolean; value: Value };
  /** How a lazy column's spans are read (text: one string per distinct spelling, shared by the rows). */
  read: ((bytes: Uint8Array, start: number, end: number) => Value) | undefined;
}

/**
 * The fast lane of a CSV table: reads records as byte spans straight into `RowBatch`es, for the rows
 * that are plain data, and hands every other row to the table's `SheetNormalizer` as a raw row. A row
 * is plain when the normalizer would make it a data row and nothing else: every cell reads without a
 * finding (no type error, bad or ambiguous date, unknown category or sex, blank required cell), it is
 * not a totals row, a note, a repeated header or a column-numbers row, no data lies under a blank
 * header, and the normalizer holds nothing back. Values are exactly what the normalizer gives: cells
 * are read by the field's own reader (`makeCoercer`), once per distinct spelling for repeating
 * columns; digits and ids are taken as they are, which is what that reader gives for them.
 * Order is kept: the batch so far is handed over before a row goes to the normalizer.
 */
export class SpanDecoder {
  private batch: ColumnBatch | undefined;
  /** The chunk the open batch's first row lies in (`CellSpans.chunk`; -1 when not numbered). */
  private batchChunk = -1;
  private readonly columns: Column[];
  private readonly shape: BatchShape;
  private readonly build: (values: readonly Value[]) => Record<string, Value>;
  private layout: ColumnPlan;
  /** The decoder's column of each field of the shape (undefined: the sheet has none). */
  private readonly byK: (Column | undefined)[];
  /** The coder of each lazy text column. */
  private readonly coders: (TextCoder | undefined)[];
  /** Columns inside the header's width that have no label: data there is reported by the normalizer. */
  private readonly unlabelled: number[];
  private readonly width: number;
  /** The memory of batches handed over and not yet `recycle`d, and of those free to write into again. */
  private readonly handed: BatchMemory[] = [];
  private readonly spare: BatchMemory[] = [];
  /** Each row's counts while a run of rows is read (`plain`). */
  private readonly run: RunCounts;

  constructor(
    private readonly plan: TablePlan,
    private readonly normalizer: SheetNormalizer,
    private readonly capacity = BATCH_ROWS,
  ) {
    const fields = plan.fields;
    this.shape = { names: fields.map((f) => f.name), numeric: fields.map((f) => f.numeric), present: fields.map((f) => f.index >= 0) };
    this.build = rowBuilder(this.shape.names);
    const keys = new Set(plan.keys);
    this.columns = fields.flatMap((field, k): Column[] => {
      if (field.index < 0) return [];
      const how = field.numeric ? "number" : field.plainText ? "lazy" : "coded";
      const blank = field.coerce(null);
      const col: Column = { how, field, k, key: keys.has(field.index), spellings: new ByteDictionary(), values: [], plain: [], totals: [], blank: { plain: !(blank instanceof CellProblem), value: blank instanceof CellProblem ? null : blank }, read: undefined };
      if (how === "lazy") col.read = field.type === "id" ? decodeSpan : (b, start, end) => textOf(col, b, start, end);
      return [col];
    });
    this.run = runCounts(capacity);
    const coderOf = (col: Column): TextCoder => {
      const code = (b: Uint8Array, start: number, end: number): number => {
        let e = col.spellings.find(b, start, end);
        if (e < 0) {
          e = col.spellings.add(b, start, end);
          if (e < 0) return -2;
          col.values[e] = decodeSpan(b, start, end);
        }
        return e;
      };
      return {
        dict: col.values,
        code,
        codeOf: (text) => {
          const b = Buffer.from(text, "utf8");
          return code(b, 0, b.length);
        },
        scratch: new Int32Array(0),
        wanted: false,
      };
    };
    const byK = new Map(this.columns.map((c) => [c.k, c]));
    this.byK = fields.map((_, k) => byK.get(k));
    // Text repeats (event types, venues, unions): its cells can be numbered; ids are one of a kind.
    this.coders = fields.map((f, k) => (byK.get(k)?.how === "lazy" && f.type === "text" ? coderOf(byK.get(k)!) : undefined));
    this.layout = this.layoutOf();
    this.unlabelled = plan.unlabelled;
    this.width = plan.width;
  }

  /** How the next batch holds its columns, from how each column is read now. */
  private layoutOf(): ColumnPlan {
    return {
      kinds: this.shape.numeric.map((numeric, k): ColumnKind => (numeric ? "number" : (this.byK[k]?.how ?? "values"))),
      dicts: this.byK.map((col) => (col?.how === "coded" ? col.values : undefined)),
      reads: this.byK.map((col) => col?.read),
      coders: this.coders,
    };
  }

  /**
   * Before a batch: a lazy text column whose codes a consumer has asked for (and got) is read as codes
   * from now on, each cell looked up in its dictionary as it is read, instead of kept as a span and
   * numbered afterwards (a second pass over the batch); one whose dictionary is full goes back to
   * spans, so text that does not repeat is not looked up cell by cell. Its dictionary is the one it
   * was numbered into, so the codes mean the same before and after.
   */
  private recode(): void {
    let changed = false;
    for (const col of this.columns) {
      if (!this.coders[col.k]?.wanted) continue;
      const full = col.spellings.size >= col.spellings.limit;
      if (col.how === "lazy" && !full) {
        // Spellings numbered while lazy are the text itself (no spaces at the ends): plain, as read.
        for (let e = 0; e < col.values.length; e++) {
          if (col.plain[e] !== undefined) continue;
          col.plain[e] = true;
          col.totals[e] = col.key && isTotalText(String(col.values[e])) !== undefined;
        }
        col.how = "coded";
        changed = true;
      } else if (col.how === "coded" && full) {
        col.how = "lazy";
        changed = true;
      }
    }
    if (changed) this.layout = this.layoutOf();
  }

  /** Read every record of `s`: plain rows into batches, the others through the normalizer; events go to `out`. */
  push(s: CellSpans, out: IngestEvent[]): void {
    for (let r = 0; r < s.count; ) {
      const took = this.plain(s, r, out);
      if (took > 0) {
        r += took;
        continue;
      }
      this.flush(out);
      this.normalizer.push(rawRowOf(s, r), out);
      r++;
    }
  }

  /** The oldest chunk the rows not handed over yet point into (Infinity when there are none). */
  oldestChunk(): number {
    return this.batch && this.batch.size > 0 ? this.batchChunk : Infinity;
  }

  /** The sheet ended: hand over the last batch. */
  end(out: IngestEvent[]): void {
    this.flush(out);
  }

  /**
   * The batches handed over so far have been used (a transient stream's events, once the next is asked
   * for): their typed arrays are written into again for the next batches, instead of fresh memory.
   */
  recycle(): void {
    for (const m of this.handed) this.spare.push(m);
    this.handed.length = 0;
  }

  private flush(out: IngestEvent[]): void {
    const b = this.batch;
    if (b && b.size > 0) {
      out.push({ type: "batch", batch: b });
      this.handed.push(b.buffers);
    } else if (b) this.spare.push(b.buffers);
    this.batch = undefined;
  }

  /**
   * Read the plain data rows from record `r0` on into the batch, up to the first row that is not plain
   * (or the batch's end); returns how many were taken (0: record `r0` is not plain). Column by column
   * over the rows, one loop a column: the first row a cell of which does not read plainly ends the
   * run, so the columns after it read only the rows before it.
   */
  private plain(s: CellSpans, r0: number, out: IngestEvent[]): number {
    if (!this.normalizer.acceptsPlain(s.lines[r0]!)) return 0;
    if (!this.batch) {
      this.recode();
      this.batch = new ColumnBatch(this.plan.table, this.shape, this.build, this.capacity, this.layout, this.spare.pop());
      this.batchChunk = s.chunk ?? -1;
    }
    const b = this.batch;
    const i0 = b.size;
    const run = this.run;
    // The rows that may be plain: on consecutive lines (a gap is blank lines the normalizer must see),
    // with no data beyond the header's width or under a blank header (the normalizer's to report).
    let limit = Math.min(s.count - r0, b.capacity - i0);
    const stray = this.unlabelled.length > 0;
    for (let j = 0; j < limit; j++) {
      const r = r0 + j;
      if ((j > 0 && s.lines[r]! > s.lines[r - 1]! + s.spans[r - 1]!) || ((stray || s.fields[r + 1]! - s.fields[r]! > this.width) && this.strayData(s, r))) {
        limit = j;
        break;
      }
    }
    run.blanks.fill(0, 0, limit);
    run.keyed.fill(0, 0, limit);
    for (let c = 0; c < this.columns.length; c++) limit = readColumn(this.columns[c]!, c, s, r0, limit, b, i0, run);
    // A totals row has no key cell, or one that reads like a label; a note has at most three cells.
    for (let j = 0; j < limit; j++) {
      const keyed = run.keyed[j]!;
      if (keyed === 0 || (keyed === 1 && isKeyTotal(this.columns[run.keyCol[j]!]!, s, run.keyField[j]!)) || this.columns.length - run.blanks[j]! < 4) {
        limit = j;
        break;
      }
    }
    if (limit === 0) return 0;
    b.rows.set(s.lines.subarray(r0, r0 + limit), i0);
    b.bytes.fill(s.bytes, i0, i0 + limit);
    const last = r0 + limit - 1;
    this.normalizer.tookPlain(s.lines[last]!, s.spans[last]!, limit);
    b.size += limit;
    if (b.size === b.capacity) this.flush(out);
    return limit;
  }

  /** Record `r` has data beyond the header's width or under a blank header. */
  private strayData(s: CellSpans, r: number): boolean {
    const first = s.fields[r]!;
    const count = s.fields[r + 1]! - first;
    for (let c = this.width; c < count; c++) if (!emptySpan(s, first + c)) return true;
    for (const c of this.unlabelled) if (c < count && !emptySpan(s, first + c)) return true;
    return false;
  }
}

/**
 * Per row of a run (`SpanDecoder.plain`): cells that read as blank (the rest are filled: counting the
 * few blanks is cheaper than counting every filled cell), key cells filled, and the first key cell's column and field.
 */
interface RunCounts {
  blanks: Int32Array;
  keyed: Int32Array;
  keyCol: Int32Array;
  keyField: Int32Array;
}

function runCounts(capacity: number): RunCounts {
  return { blanks: new Int32Array(capacity), keyed: new Int32Array(capacity), keyCol: new Int32Array(capacity), keyField: new Int32Array(capacity) };
}

/**
 * Column `col` (the decoder's `position`-th) of records `r0 .. r0 + limit - 1` into rows `i0 ..` of
 * the batch, counting each row's blank and key cells into `run`. Returns the new limit: the first row whose cell does not read
 * plainly (a type error, a blank required cell), or `limit` when every cell did. One loop per kind of
 * column, so each loop stores into one kind of column.
 */
function readColumn(col: Column, position: number, s: CellSpans, r0: number, limit: number, b: ColumnBatch, i0: number, run: RunCounts): number {
  if (col.how === "number") return readNumbers(col, position, s, r0, limit, b.cols[col.k] as Float64Array, i0, run);
  if (col.how === "coded") return readCodes(col, position, s, r0, limit, b.cols[col.k] as Coded, i0, run);
  return readSpans(col, position, s, r0, limit, b, i0, run);
}

/** A numeric column: digits read as they are, anything else through the field's reader. */
function readNumbers(col: Column, position: number, s: CellSpans, r0: number, limit: number, target: Float64Array, i0: number, run: RunCounts): number {
  const index = col.field.index;
  const { bytes, fields, starts, ends } = s;
  for (let j = 0; j < limit; j++) {
    const first = fields[r0 + j]!;
    const f = index < fields[r0 + j + 1]! - first ? first + index : -1;
    const start = f < 0 ? -1 : starts[f]!;
    let n: number | null;
    if (start >= 0 && ends[f]! > start) {
      const read = readNumber(col, bytes, start, ends[f]!);
      if (read === NOT_A_NUMBER) return j;
      n = read;
    } else {
      const v = otherCell(col, s, f);
      if (v === NOT_PLAIN_CELL) return j;
      n = v as number | null;
    }
    target[i0 + j] = n === null ? NaN : n;
    if (!tally(col, position, run, j, f, n === null)) return j;
  }
  return limit;
}

/** A repeating column (dates, categories, sex): each distinct spelling read once, cells as codes. */
function readCodes(col: Column, position: number, s: CellSpans, r0: number, limit: number, target: Coded, i0: number, run: RunCounts): number {
  const index = col.field.index;
  const { bytes, fields, starts, ends } = s;
  const values = col.values;
  for (let j = 0; j < limit; j++) {
    const first = fields[r0 + j]!;
    const f = index < fields[r0 + j + 1]! - first ? first + index : -1;
    const start = f < 0 ? -1 : starts[f]!;
    let blank: boolean;
    if (start >= 0 && ends[f]! > start) {
      const code = readCode(col, bytes, start, ends[f]!);
      if (code === NOT_PLAIN) return j;
      const value = code >= 0 ? values[code]! : apartValue;
      blank = value === null;
      setCode(target, i0 + j, blank ? BLANK : code, value);
    } else {
      const v = otherCell(col, s, f);
      if (v === NOT_PLAIN_CELL) return j;
      blank = v === null;
      setCode(target, i0 + j, blank ? BLANK : APART, v);
    }
    if (!tally(col, position, run, j, f, blank)) return j;
  }
  return limit;
}

/** Ids and text: a cell whose ends are not spaces is its own value, kept as its span and read when asked for. */
function readSpans(col: Column, position: number, s: CellSpans, r0: number, limit: number, b: ColumnBatch, i0: number, run: RunCounts): number {
  const index = col.field.index;
  const { bytes, fields, starts, ends } = s;
  const target = b.cols[col.k] as LazyText;
  for (let j = 0; j < limit; j++) {
    const first = fields[r0 + j]!;
    const f = index < fields[r0 + j + 1]! - first ? first + index : -1;
    const start = f < 0 ? -1 : starts[f]!;
    const end = f < 0 ? 0 : ends[f]!;
    let blank = false;
    const filled = start >= 0 && end > start;
    const a = filled ? bytes[start]! : 0;
    const z = filled ? bytes[end - 1]! : 0;
    if (a > 32 && a < 127 && z > 32 && z < 127) {
      // Its text is its value (trimming changes nothing).
      target.starts[i0 + j] = start;
      target.ends[i0 + j] = end;
    } else {
      const v = filled ? coerced(col, decodeSpan(bytes, start, end)) : otherCell(col, s, f);
      if (v === NOT_PLAIN_CELL) return j;
      blank = v === null;
      target.set(i0 + j, v as Value); // null too: a row given up on may have left a value here
    }
    if (!tally(col, position, run, j, f, blank)) return j;
  }
  return limit;
}

/** A cell that does not read plainly (a type error, a blank where one is not allowed). */
const NOT_PLAIN_CELL = Symbol("not plain");

/** The field's reader's value for a text, or NOT_PLAIN_CELL. */
function coerced(col: Column, text: string): Value | typeof NOT_PLAIN_CELL {
  const c = col.field.coerce(text);
  return c instanceof CellProblem ? NOT_PLAIN_CELL : c;
}

/**
 * Field `f`'s value when it is not bytes to read: a missing or empty cell (what a blank reads as), or
 * a quoted cell with escaped quotes, whose text the parser gave already. NOT_PLAIN_CELL when it does
 * not read plainly.
 */
function otherCell(col: Column, s: CellSpans, f: number): Value | typeof NOT_PLAIN_CELL {
  const start = f < 0 ? 0 : s.starts[f]!;
  const text = start < 0 ? s.texts[-start - 1]! : "";
  if (text === "") return col.blank.plain ? col.blank.value : NOT_PLAIN_CELL;
  return coerced(col, text);
}

/**
 * Count row `j`'s cell of this column into the run: a blank (false when the field is required: a
 * missing cell, not plain), or a filled key cell (the first one's column and field are kept).
 */
function tally(col: Column, position: number, run: RunCounts, j: number, f: number, blank: boolean): boolean {
  if (blank) {
    run.blanks[j]!++;
    return !col.field.required;
  }
  if (col.key && run.keyed[j]!++ === 0) {
    run.keyCol[j] = position;
    run.keyField[j] = f;
  }
  return true;
}

function setCode(col: Coded, i: number, code: number, value: Value): void {
  col.codes[i] = code;
  if (code === APART) col.apart.set(i, value);
}

function emptySpan(s: CellSpans, f: number): boolean {
  const start = s.starts[f]!;
  return start < 0 ? s.texts[-start - 1] === "" : s.ends[f]! <= start;
}

const NOT_A_NUMBER = Symbol("not a number");

/** Digits, with a minus sign or not: the number they spell (what the field's reader gives); else the reader's value. */
function readNumber(col: Column, b: Uint8Array, start: number, end: number): number | null | typeof NOT_A_NUMBER {
  let i = start;
  const neg = b[i] === 45;
  if (neg) i++;
  if (i < end && end - i <= 15) {
    let n = 0;
    for (; i < end; i++) {
      const d = b[i]! - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    if (i === end) return neg ? -n : n;
  }
  const c: Coerced = col.field.coerce(decodeSpan(b, start, end));
  return c instanceof CellProblem ? NOT_A_NUMBER : (c as number | null);
}

/** The value of a spelling read apart from the dictionary (it was full), for the caller to keep. */
let apartValue: Value = null;

/** A repeating column: the number of this spelling's value (read once by the field's reader), APART, or NOT_PLAIN. */
function readCode(col: Column, b: Uint8Array, start: number, end: number): number {
  let e = col.spellings.find(b, start, end);
  if (e < 0) {
    const text = decodeSpan(b, start, end);
    const c = col.field.coerce(text);
    const plain = !(c instanceof CellProblem);
    e = col.spellings.add(b, start, end);
    if (e < 0) {
      if (!plain) return NOT_PLAIN;
      apartValue = c as Value;
      return APART;
    }
    col.values[e] = plain ? (c as Value) : null;
    col.plain[e] = plain;
    col.totals[e] = col.key && isTotalText(text) !== undefined;
  }
  return col.plain[e] ? e : NOT_PLAIN;
}

/** A text span read as one string per distinct spelling (so repeated values are one string, cheap to look up). */
function textOf(col: Column, b: Uint8Array, start: number, end: number): Value {
  const e = col.spellings.find(b, start, end);
  if (e >= 0) return col.values[e]!;
  const text = decodeSpan(b, start, end);
  const added = col.spellings.add(b, start, end);
  if (added >= 0) col.values[added] = text;
  return text;
}

/** Whether the key cell of field `f` reads like a `Total` label (a totals row may put its label there). */
function isKeyTotal(col: Column, s: CellSpans, f: number): boolean {
  const start = s.starts[f]!;
  if (start < 0) return isTotalText(s.texts[-start - 1]!) !== undefined;
  if (col.how === "coded") {
    const e = col.spellings.find(s.bytes, start, s.ends[f]!);
    if (e >= 0) return col.totals[e]!;
  }
  return isTotalText(decodeSpan(s.bytes, start, s.ends[f]!)) !== undefined;
}
