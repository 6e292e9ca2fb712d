import type { SourceKind, Value } from "../schema/kind.js";
import { SOURCE_KINDS } from "../schema/kinds/index.js";
import type { DataRow, RowBatch, Table } from "../schema/table.js";
import { rowBuilder } from "./row-shape.js";

/** The fields of a table's rows, in the order its `values` objects have them, and which are numeric. */
export interface BatchShape {
  names: readonly string[];
  numeric: readonly boolean[];
  /** Fields the sheet has a column for (the others are null in every row). */
  present: readonly boolean[];
}

/**
 * A text column whose cells are read when someone asks for them: most rows keep only where their text
 * is (`starts`/`ends` in the row's buffer, `bytes[i]`), read by `read`; a row whose start is -1 holds
 * a value read already (`set`).
 */
export class LazyText {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  private readonly known = new Map<number, Value>();

  constructor(
    capacity: number,
    /** The buffer each row's spans point into, shared by the batch's lazy columns. */
    private readonly bytes: (Uint8Array | undefined)[],
    readonly read: (bytes: Uint8Array, start: number, end: number) => Value,
    starts: Int32Array = new Int32Array(capacity),
    ends: Int32Array = new Int32Array(capacity),
  ) {
    this.starts = starts;
    this.ends = ends;
  }

  /** The cells read already, as `[row, value]` pairs. */
  knownCells(): [number, Value][] {
    return [...this.known];
  }

  /** Cell `i` is a value read already. */
  set(i: number, v: Value): void {
    this.starts[i] = -1;
    this.known.set(i, v);
  }

  at(i: number): Value {
    const start = this.starts[i]!;
    return start < 0 ? (this.known.get(i) ?? null) : this.read(this.bytes[i]!, start, this.ends[i]!);
  }

  /** Every cell read, as an array of values. */
  all(size: number): Value[] {
    const out = new Array<Value>(size);
    for (let i = 0; i < size; i++) out[i] = this.at(i);
    return out;
  }
}

/**
 * A `RowBatch` being filled row by row by the normalizer: numbers in `Float64Array`s (`NaN` for a
 * blank), other values in arrays, or text columns read on demand (`LazyText`). Rows asked for whole
 * are built once, on demand.
 */
export class ColumnBatch implements RowBatch {
  size = 0;
  readonly rows: Int32Array;
  /** Column `k` holds field `shape.names[k]`: a Float64Array for numeric fields, else an array (or a LazyText until read). */
  readonly cols: (Float64Array | Value[] | LazyText)[];
  /** The buffer each row's lazy text cells point into (one per row, shared by the columns). */
  readonly bytes: (Uint8Array | undefined)[] = [];
  private readonly byName = new Map<string, number>();
  private made: (DataRow | undefined)[] | undefined;
  private readonly vals: Value[];

  /** `lazy[k]`, when given, reads column `k`'s text cells on demand. */
  constructor(
    readonly table: Table,
    private readonly shape: BatchShape,
    private readonly build: (values: readonly Value[]) => Record<string, Value>,
    capacity: number,
    lazy: readonly (LazyText["read"] | undefined)[] = [],
  ) {
    this.rows = new Int32Array(capacity);
    this.cols = shape.names.map((_, k) => {
      if (shape.numeric[k]) return new Float64Array(capacity);
      const read = lazy[k];
      return read ? new LazyText(capacity, this.bytes, read) : new Array<Value>(capacity).fill(null);
    });
    shape.names.forEach((n, k) => shape.present[k] && this.byName.set(n, k));
    this.vals = shape.names.map(() => null);
  }

  /** A batch rebuilt from a message (see `batchMessage`) for `table`, its lazy columns read by `lazy` (this thread's readers). */
  static from(table: Table, shape: BatchShape, build: (values: readonly Value[]) => Record<string, Value>, m: BatchMessage, lazy: readonly (LazyText["read"] | undefined)[]): ColumnBatch {
    const b = new ColumnBatch(table, shape, build, 0);
    b.size = m.size;
    (b as { rows: Int32Array }).rows = m.rows;
    for (let k = 0; k < m.cols.length; k++) {
      const c = m.cols[k]!;
      if (c instanceof Float64Array || Array.isArray(c)) b.cols[k] = c;
      else {
        const text = new LazyText(0, b.bytes, lazy[k]!, c.starts, c.ends);
        for (const [i, v] of c.known) text.set(i, v);
        b.cols[k] = text;
      }
    }
    if (m.bytes) for (let i = 0; i < m.size; i++) b.bytes[i] = m.bytes;
    return b;
  }

  get capacity(): number {
    return this.rows.length;
  }

  numbers(field: string): Float64Array | undefined {
    const k = this.byName.get(field);
    return k !== undefined && this.shape.numeric[k] ? (this.cols[k] as Float64Array) : undefined;
  }

  values(field: string): readonly Value[] | undefined {
    const k = this.byName.get(field);
    if (k === undefined || this.shape.numeric[k]) return undefined;
    const c = this.cols[k]!;
    if (!(c instanceof LazyText)) return c as Value[];
    const all = c.all(this.size);
    this.cols[k] = all;
    return all;
  }

  row(i: number): DataRow {
    const made = (this.made ??= new Array<DataRow | undefined>(this.size));
    let r = made[i];
    if (r) return r;
    const vals = this.vals;
    for (let k = 0; k < vals.length; k++) {
      const c = this.cols[k]!;
      if (!this.shape.present[k]) vals[k] = null;
      else if (this.shape.numeric[k]) {
        const x = (c as Float64Array)[i]!;
        vals[k] = x === x ? x : null;
      } else vals[k] = c instanceof LazyText ? c.at(i) : (c as Value[])[i]!;
    }
    r = { table: this.table, row: this.rows[i]!, values: this.build(vals) };
    made[i] = r;
    return r;
  }
}

/** A lazy text column as plain data: spans in the batch's buffer, and the cells read already. */
export interface LazyMessage {
  starts: Int32Array;
  ends: Int32Array;
  known: [number, Value][];
}

/** A batch as plain data for `postMessage` (its typed arrays are transferred, not copied). */
export interface BatchMessage {
  size: number;
  rows: Int32Array;
  cols: (Float64Array | Value[] | LazyMessage)[];
  /** The buffer the lazy spans point into: every row of a batch read from one segment shares it. */
  bytes: Uint8Array | undefined;
}

/** A batch as a message, and the buffers to transfer with it (`bytes`' buffer is the caller's to transfer). */
export function batchMessage(b: ColumnBatch): { message: BatchMessage; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [b.rows.buffer as ArrayBuffer];
  const cols = b.cols.map((c): BatchMessage["cols"][number] => {
    if (c instanceof Float64Array) {
      transfer.push(c.buffer as ArrayBuffer);
      return c;
    }
    if (!(c instanceof LazyText)) return c.length > b.size ? c.slice(0, b.size) : c;
    transfer.push(c.starts.buffer as ArrayBuffer, c.ends.buffer as ArrayBuffer);
    return { starts: c.starts, ends: c.ends, known: c.knownCells() };
  });
  return { message: { size: b.size, rows: b.rows, cols, bytes: b.bytes[0] }, transfer };
}

/** The batch shape of a table's kind: every field that is not personal data, numeric ones marked. */
export function shapeOf(table: Table): BatchShape {
  const kind = SOURCE_KINDS[table.kind] as SourceKind;
  const names = Object.entries(kind.fields).filter(([, s]) => !s.identifying).map(([n]) => n);
  const present = new Set(table.columns.map((c) => c.field));
  return {
    names,
    numeric: names.map((n) => kind.fields[n]!.type === "integer" || kind.fields[n]!.type === "number"),
    present: names.map((n) => present.has(n)),
  };
}

/**
 * A batch holding the given rows of one table (rows in ascending row order, values as normalize gives
 * them): the column form of a run of `row` events, for tests and for callers that hold rows.
 * @example batchOfRows(table, [row1, row2]).numbers("total") // Float64Array [12, 30]
 */
export function batchOfRows(table: Table, rows: readonly DataRow[]): ColumnBatch {
  const shape = shapeOf(table);
  const b = new ColumnBatch(table, shape, rowBuilder(shape.names), rows.length);
  for (const r of rows) {
    const i = b.size++;
    b.rows[i] = r.row;
    shape.names.forEach((n, k) => {
      const v = r.values[n] ?? null;
      if (shape.numeric[k]) (b.cols[k] as Float64Array)[i] = typeof v === "number" ? v : NaN;
      else (b.cols[k] as Value[])[i] = v;
    });
  }
  return b;
}
