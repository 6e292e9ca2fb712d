import { decodeSpan, rawRowOf } from "../read/spans.js";
import type { Value } from "../schema/kind.js";
import type { CellSpans, IngestEvent } from "../schema/table.js";
import { ColumnBatch, type BatchMessage, type BatchShape, type LazyText } from "./batch.js";
import { ByteDictionary } from "./byte-dictionary.js";
import type { FieldPlan, TablePlan } from "./plan.js";
import { rowBuilder } from "./row-shape.js";
import type { SheetNormalizer } from "./sheet.js";
import { isTotalText } from "./totals.js";
import { CellProblem, type Coerced } from "./values.js";

/** Rows per batch handed over. */
export const BATCH_ROWS = 1024;

/** How a column's cells are read from their bytes. */
const NUMBER = 0; // digits read as they are; anything else through the field's reader
const DICTIONARY = 1; // each distinct spelling read once by the field's reader (dates, categories, sex)
const LAZY = 2; // ids and text: the text itself, read only when a consumer asks; text with spaces at its ends through the field's reader

/** A text cell kept as its span, to be read on demand. */
const SPAN = Symbol("span");

/** What a cell could not be read as plainly: the row goes through the normalizer whole. */
const NOT_PLAIN = Symbol("not plain");
type Read = Value | typeof NOT_PLAIN | typeof SPAN;

interface Column {
  how: typeof NUMBER | typeof DICTIONARY | typeof LAZY;
  field: FieldPlan;
  /** Position in the batch shape. */
  k: number;
  /** An id field or a required date: a totals row has none of them (see `SheetNormalizer`). */
  key: boolean;
  dict: ByteDictionary;
  /** Per spelling: the value read, or NOT_PLAIN when reading it gave a finding. */
  values: Read[];
  /** Per spelling: whether the raw text reads like a `Total` label (for key columns). */
  totals: boolean[];
  /** What a blank cell reads as. */
  blank: Read;
  /** How a LAZY column's spans are read (text: one string per distinct spelling, shared by the rows). */
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
  private readonly columns: Column[];
  private readonly shape: BatchShape;
  private readonly build: (values: readonly Value[]) => Record<string, Value>;
  /** Columns inside the header's width that have no label: data there is reported by the normalizer. */
  private readonly unlabelled: number[];
  private readonly width: number;
  private readonly lazy: (LazyText["read"] | undefined)[];

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
      const how = field.numeric ? NUMBER : field.plainText ? LAZY : DICTIONARY;
      const col: Column = { how, field, k, key: keys.has(field.index), dict: new ByteDictionary(), values: [], totals: [], blank: plainOf(field.coerce(null)), read: undefined };
      if (how === LAZY) col.read = field.type === "id" ? decodeSpan : (b, start, end) => textOf(col, b, start, end);
      return [col];
    });
    this.lazy = fields.map((_, k) => this.columns.find((c) => c.k === k)?.read);
    this.unlabelled = plan.unlabelled;
    this.width = plan.width;
  }

  /** Read every record of `s`: plain rows into batches, the others through the normalizer; events go to `out`. */
  push(s: CellSpans, out: IngestEvent[]): void {
    for (let r = 0; r < s.count; r++) {
      if (this.plain(s, r, out)) continue;
      this.flush(out);
      this.normalizer.push(rawRowOf(s, r), out);
    }
  }

  /** A batch read by a worker, as a batch of this table read here (its text cells read by this decoder). */
  batchOf(m: BatchMessage): ColumnBatch {
    return ColumnBatch.from(this.plan.table, this.shape, this.build, m, this.lazy);
  }

  /** The sheet ended: hand over the last batch. */
  end(out: IngestEvent[]): void {
    this.flush(out);
  }

  private flush(out: IngestEvent[]): void {
    const b = this.batch;
    if (b && b.size > 0) out.push({ type: "batch", batch: b });
    this.batch = undefined;
  }

  /** Read record `r` into the batch if it is a plain data row. */
  private plain(s: CellSpans, r: number, out: IngestEvent[]): boolean {
    const line = s.lines[r]!;
    if (!this.normalizer.acceptsPlain(line)) return false;
    const first = s.fields[r]!;
    const count = s.fields[r + 1]! - first;
    // Data beyond the header's width or under a blank header is the normalizer's to report.
    for (let c = this.width; c < count; c++) if (!emptySpan(s, first + c)) return false;
    for (const c of this.unlabelled) if (c < count && !emptySpan(s, first + c)) return false;

    const b = (this.batch ??= new ColumnBatch(this.plan.table, this.shape, this.build, this.capacity, this.lazy));
    const i = b.size;
    let filled = 0;
    let keyed = 0;
    let keyCol: Column | undefined;
    let keyField = 0;
    for (const col of this.columns) {
      const index = col.field.index;
      const f = index < count ? first + index : -1;
      let v: Read;
      if (f < 0 || emptySpan(s, f)) v = col.blank;
      else if (s.starts[f]! < 0) v = plainOf(col.field.coerce(s.texts[-s.starts[f]! - 1]!));
      else if (col.how === NUMBER) v = readNumber(col, s.bytes, s.starts[f]!, s.ends[f]!);
      else if (col.how === LAZY) v = plainText(col, s.bytes, s.starts[f]!, s.ends[f]!);
      else v = readRepeated(col, s.bytes, s.starts[f]!, s.ends[f]!);
      if (v === NOT_PLAIN) return false;
      if (v === null) {
        if (col.field.required) return false; // missing-cell
      } else {
        filled++;
        if (col.key && keyed++ === 0) {
          keyCol = col;
          keyField = f;
        }
      }
      if (col.how === NUMBER) (b.cols[col.k] as Float64Array)[i] = v === null ? NaN : (v as number);
      else if (col.how !== LAZY) (b.cols[col.k] as Value[])[i] = v as Value;
      else if (v === SPAN) {
        const lazy = b.cols[col.k] as LazyText;
        lazy.starts[i] = s.starts[f]!;
        lazy.ends[i] = s.ends[f]!;
      } else (b.cols[col.k] as LazyText).set(i, v);
    }
    // A totals row has no key cell, or one that reads like a label; a note has at most three cells.
    if (keyed === 0 || (keyed === 1 && isKeyTotal(keyCol!, s, keyField))) return false;
    if (filled < 4) return false;
    b.rows[i] = line;
    b.bytes[i] = s.bytes;
    b.size++;
    this.normalizer.tookPlain(line, s.spans[r]!);
    if (b.size === b.capacity) this.flush(out);
    return true;
  }
}

/** A field reader's result as a plain value, or NOT_PLAIN when it is a finding (a missing-cell is the caller's). */
function plainOf(c: Coerced): Read {
  return c instanceof CellProblem ? NOT_PLAIN : c;
}

function emptySpan(s: CellSpans, f: number): boolean {
  const start = s.starts[f]!;
  return start < 0 ? s.texts[-start - 1] === "" : s.ends[f]! <= start;
}

/** Digits, with a minus sign or not: the number they spell (what the field's reader gives); else the reader's value. */
function readNumber(col: Column, b: Uint8Array, start: number, end: number): Read {
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
  return plainOf(col.field.coerce(decodeSpan(b, start, end)));
}

/**
 * An id or text cell: kept as its span when its text is its value (a printable ASCII character at
 * each end, so trimming changes nothing); else the reader's value (trimmed, or null when blank).
 */
function plainText(col: Column, b: Uint8Array, start: number, end: number): Read {
  const a = b[start]!;
  const z = b[end - 1]!;
  if (a > 32 && a < 127 && z > 32 && z < 127) return SPAN;
  return plainOf(col.field.coerce(decodeSpan(b, start, end)));
}

/** A text span read as one string per distinct spelling (so repeated values are one string, cheap to look up). */
function textOf(col: Column, b: Uint8Array, start: number, end: number): Value {
  const e = col.dict.find(b, start, end);
  if (e >= 0) return col.values[e] as Value;
  const text = decodeSpan(b, start, end);
  const added = col.dict.add(b, start, end);
  if (added >= 0) col.values[added] = text;
  return text;
}

/** A repeating column: the value of this spelling, read once by the field's reader. */
function readRepeated(col: Column, b: Uint8Array, start: number, end: number): Read {
  const e = col.dict.find(b, start, end);
  if (e >= 0) return col.values[e]!;
  const text = decodeSpan(b, start, end);
  const v = plainOf(col.field.coerce(text));
  const added = col.dict.add(b, start, end);
  if (added >= 0) {
    col.values[added] = v;
    col.totals[added] = col.key && isTotalText(text) !== undefined;
  }
  return v;
}

/** Whether the key cell of field `f` reads like a `Total` label (a totals row may put its label there). */
function isKeyTotal(col: Column, s: CellSpans, f: number): boolean {
  const start = s.starts[f]!;
  if (start < 0) return isTotalText(s.texts[-start - 1]!) !== undefined;
  if (col.how === DICTIONARY) {
    const e = col.dict.find(s.bytes, start, s.ends[f]!);
    if (e >= 0) return col.totals[e]!;
  }
  return isTotalText(decodeSpan(s.bytes, start, s.ends[f]!)) !== undefined;
}
