import type { SourceKind, Value } from "../schema/kind.js";
import { SOURCE_KINDS } from "../schema/kinds/index.js";
import type { BatchCodes, DataRow, RowBatch, Table } from "../schema/table.js";
import { rowBuilder } from "./row-shape.js";

/** The fields of a table's rows, in the order its `values` objects have them, and which are numeric. */
export interface BatchShape {
  names: readonly string[];
  numeric: readonly boolean[];
  /** Fields the sheet has a column for (the others are null in every row). */
  present: readonly boolean[];
}

/**
 * A column of repeating values (dates, categories): each cell the number of its value in a dictionary
 * shared by the table's batches; -1 is a blank, -2 a value kept apart (a dictionary that was full).
 */
export class Coded {
  readonly apart = new Map<number, Value>();

  constructor(
    readonly codes: Int32Array,
    readonly dict: readonly Value[],
  ) {}

  at(i: number): Value {
    const c = this.codes[i]!;
    return c >= 0 ? this.dict[c]! : c === -1 ? null : (this.apart.get(i) ?? null);
  }
}

/**
 * A text column whose cells are read when someone asks for them: most rows keep only where their text
 * is (`starts`/`ends` in the row's buffer), read by `read`; a row whose start is negative holds a value
 * read already (`set`: start -1 - k is the k-th value set).
 */
export class LazyText {
  private readonly known: Value[] = [];

  constructor(
    readonly starts: Int32Array,
    readonly ends: Int32Array,
    /** The buffer each row's spans point into, shared by the batch's lazy columns. */
    private readonly bytes: (Uint8Array | undefined)[],
    readonly read: (bytes: Uint8Array, start: number, end: number) => Value,
  ) {}

  /** Cell `i` is a value read already (a row written again, after one given up on, just sets it again). */
  set(i: number, v: Value): void {
    this.starts[i] = -1 - this.known.length;
    this.known.push(v);
  }

  at(i: number): Value {
    const start = this.starts[i]!;
    return start < 0 ? (this.known[-1 - start] ?? null) : this.read(this.bytes[i]!, start, this.ends[i]!);
  }

  /**
   * The column as codes into `coder`'s dictionary, or undefined when a cell has none (the dictionary is
   * full). The codes take the place of the spans' starts (no fresh memory a batch); this column must not
   * be read once it has given them.
   */
  toCoded(size: number, coder: TextCoder): Coded | undefined {
    if (coder.scratch.length < size) coder.scratch = new Int32Array(Math.max(size, this.starts.length));
    const codes = coder.scratch;
    for (let i = 0; i < size; i++) {
      const start = this.starts[i]!;
      let c: number;
      if (start >= 0) c = coder.code(this.bytes[i]!, start, this.ends[i]!);
      else {
        const v = this.known[-1 - start] ?? null;
        c = v === null ? -1 : typeof v === "string" ? coder.codeOf(v) : -2;
      }
      if (c < -1) return undefined;
      codes[i] = c;
    }
    this.starts.set(codes.subarray(0, size));
    return new Coded(this.starts, coder.dict);
  }
}

/** Text cells as numbers into a dictionary of their values (a lazy text column's, shared by its batches). */
export interface TextCoder {
  dict: readonly Value[];
  /** The number of the text `bytes[start, end)` (its value is the text itself), or -2 when the dictionary is full. */
  code(bytes: Uint8Array, start: number, end: number): number;
  /** The number of a value, or -2. */
  codeOf(text: string): number;
  /** Room for a batch's codes while they are worked out (`LazyText.toCoded`). */
  scratch: Int32Array;
  /** A consumer has asked for the column's codes and got them: the next batches may be coded as they are read. */
  wanted: boolean;
}

/** The memory of a `ColumnBatch`'s columns: one buffer of floats, one of integers, and the rows' buffers. */
export interface BatchMemory {
  floats: Float64Array;
  ints: Int32Array;
  bytes: (Uint8Array | undefined)[];
}

/** How a batch holds a column. */
export type Column = Float64Array | Value[] | Coded | LazyText;

/** How each column of a batch is held, for the normalizer's batches: numbers, codes, text read on demand, or values. */
export type ColumnKind = "number" | "coded" | "lazy" | "values";

/** What the normalizer's columns need: per column its kind, a coded column's dictionary and a lazy one's reader. */
export interface ColumnPlan {
  kinds: readonly ColumnKind[];
  dicts: readonly (readonly Value[] | undefined)[];
  reads: readonly (LazyText["read"] | undefined)[];
  /** A lazy text column's coder, when its values repeat (text, not ids). */
  coders?: readonly (TextCoder | undefined)[];
}

/**
 * A `RowBatch` being filled row by row by the normalizer: numbers in `Float64Array`s (`NaN` for a blank), repeating values as codes (`Coded`), text read on demand
 * (`LazyText`), or plain arrays of values. A batch's typed arrays are views of two buffers (one of
 * floats, one of integers), so a batch is two allocations. Rows asked for whole are
 * built once, on demand.
 */
export class ColumnBatch implements RowBatch {
  size = 0;
  readonly rows: Int32Array;
  /** Column `k` holds field `shape.names[k]`. */
  readonly cols: Column[];
  /** The buffer each row's lazy text cells point into (one per row, shared by the columns). */
  readonly bytes: (Uint8Array | undefined)[];
  private readonly byName = new Map<string, number>();
  private made: (DataRow | undefined)[] | undefined;
  private readonly vals: Value[];

  /** The memory of its columns: the buffers its typed arrays are views of, and the rows' buffer list (`reuse` them for a batch of the same shape). */
  readonly buffers: BatchMemory;

  /**
   * @param reuse the memory of a batch of the same table, plan and capacity that is no longer used:
   *   every cell of a row is written when the row is, so they need no clearing
   */
  constructor(
    readonly table: Table,
    private readonly shape: BatchShape,
    private readonly build: (values: readonly Value[]) => Record<string, Value>,
    capacity: number,
    plan?: ColumnPlan,
    reuse?: BatchMemory,
  ) {
    const kinds = plan?.kinds ?? shape.numeric.map((n): ColumnKind => (n ? "number" : "values"));
    const floatCount = capacity * kinds.filter((k) => k === "number").length;
    const intCount = capacity * (1 + kinds.filter((k) => k === "coded").length + 2 * kinds.filter((k) => k === "lazy").length);
    const fits = reuse !== undefined && reuse.floats.length === floatCount && reuse.ints.length === intCount;
    const floats = fits ? reuse.floats : new Float64Array(floatCount);
    const ints = fits ? reuse.ints : new Int32Array(intCount);
    // Reused too: a row's entry is written with the row (entries past the size are stale, never read).
    this.bytes = fits ? reuse.bytes : new Array<Uint8Array | undefined>(capacity);
    this.buffers = { floats, ints, bytes: this.bytes };
    let f = 0;
    let n = 0;
    const take = () => ints.subarray(capacity * n, capacity * ++n);
    this.rows = take();
    this.cols = kinds.map((kind, k): Column => {
      if (kind === "number") return floats.subarray(capacity * f, capacity * ++f);
      if (kind === "coded") return new Coded(take(), plan!.dicts[k]!);
      if (kind === "lazy") return new LazyText(take(), take(), this.bytes, plan!.reads[k]!);
      return new Array<Value>(capacity).fill(null);
    });
    shape.names.forEach((name, k) => shape.present[k] && this.byName.set(name, k));
    this.vals = shape.names.map(() => null);
    this.coders = plan?.coders ?? [];
  }

  private readonly coders: readonly (TextCoder | undefined)[];
  /** Columns asked for as codes that have none (a value outside a full dictionary). */
  private uncoded: Set<number> | undefined;
  /** Coded and lazy columns asked for as values (`values`), by column. */
  private valueCols: (readonly Value[] | undefined)[] | undefined;

  codes(field: string): BatchCodes | undefined {
    const k = this.byName.get(field);
    if (k === undefined || this.shape.numeric[k] || this.uncoded?.has(k)) return undefined;
    let c = this.cols[k]!;
    if (c instanceof LazyText) {
      const coder = this.coders[k];
      const coded = coder ? c.toCoded(this.size, coder) : undefined;
      if (!coded) {
        (this.uncoded ??= new Set()).add(k);
        return undefined;
      }
      coder!.wanted = true;
      this.cols[k] = c = coded;
    }
    if (!(c instanceof Coded) || c.apart.size > 0) return undefined;
    return { codes: c.codes.subarray(0, this.size), dict: c.dict };
  }

  /** How the batch holds a field's column (undefined: the sheet has none). */
  kindOf(field: string): ColumnKind | undefined {
    const k = this.byName.get(field);
    if (k === undefined) return undefined;
    const c = this.cols[k]!;
    return c instanceof Float64Array ? "number" : c instanceof Coded ? "coded" : c instanceof LazyText ? "lazy" : "values";
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
    if (Array.isArray(c)) return c;
    // Kept beside the column, not in its place: the consumers after this one still get its codes.
    const made = this.valueCols?.[k];
    if (made) return made;
    const all = new Array<Value>(this.size);
    const col = c as Coded | LazyText;
    for (let i = 0; i < this.size; i++) all[i] = col.at(i);
    (this.valueCols ??= [])[k] = all;
    return all;
  }

  row(i: number): DataRow {
    const made = (this.made ??= new Array<DataRow | undefined>(this.size));
    let r = made[i];
    if (r) return r;
    const vals = this.vals;
    for (let k = 0; k < vals.length; k++) vals[k] = this.shape.present[k] ? cell(this.cols[k]!, i) : null;
    r = { table: this.table, row: this.rows[i]!, values: this.build(vals) };
    made[i] = r;
    return r;
  }
}

function cell(c: Column, i: number): Value {
  if (c instanceof Float64Array) {
    const x = c[i]!;
    return x === x ? x : null;
  }
  if (Array.isArray(c)) return c[i]!;
  return (c as Coded | LazyText).at(i);
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

/** Dictionaries of `batchOfRows(…, { coded: true })`, per table and field, shared by the table's batches as the normalizer's are. */
const rowDictionaries = new WeakMap<Table, Map<string, { dict: Value[]; codes: Map<Value, number> }>>();

/**
 * A batch holding the given rows of one table (rows in ascending row order, values as normalize gives
 * them): the column form of a run of `row` events, for tests and for callers that hold rows. With
 * `coded`, non-numeric fields are held as codes into dictionaries the table's batches share, as the
 * normalizer holds dates and text.
 * @example batchOfRows(table, [row1, row2]).numbers("total") // Float64Array [12, 30]
 */
export function batchOfRows(table: Table, rows: readonly DataRow[], opts: { coded?: boolean } = {}): ColumnBatch {
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
  if (opts.coded) {
    let dicts = rowDictionaries.get(table);
    if (!dicts) rowDictionaries.set(table, (dicts = new Map()));
    shape.names.forEach((n, k) => {
      if (shape.numeric[k]) return;
      let d = dicts.get(n);
      if (!d) dicts.set(n, (d = { dict: [], codes: new Map() }));
      const values = b.cols[k] as Value[];
      const codes = new Int32Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const v = values[i]!;
        if (v === null) {
          codes[i] = -1;
          continue;
        }
        let c = d.codes.get(v);
        if (c === undefined) {
          c = d.dict.length;
          d.dict.push(v);
          d.codes.set(v, c);
        }
        codes[i] = c;
      }
      b.cols[k] = new Coded(codes, d.dict);
    });
  }
  return b;
}
