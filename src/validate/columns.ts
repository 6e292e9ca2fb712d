import type { Value } from "../schema/kind.js";
import { batchReader, codeMemo, type DataRow, type RowBatch } from "../schema/table.js";

// Each check writes its own pre-filter loop over number columns: one shared loop taking the test as
// a callback was measured 0.08 µs a row slower over four checks (a call per cell that V8 cannot inline).
// Dates are held as codes: `rowsWhere` tests each distinct date once, then reads an array a row.

/**
 * The number columns a batch has for `fields` (a field without a column is blank in every row, so it
 * cannot give a finding and is left out). For checks' pre-filters over a batch's columns.
 */
export function numberColumns(batch: RowBatch, fields: readonly string[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const f of fields) {
    const c = batch.numbers(f);
    if (c) out.push(c);
  }
  return out;
}

/** A test of one value, kept per distinct value of coded columns (`rowsWhere`). */
export interface ValueTest {
  test: (v: Value) => boolean;
  memo: ReturnType<typeof codeMemo<boolean>>;
  /** Scratch: per row of a batch, whether it holds; the rows where it holds (`eachRowWhere`). */
  marks: Uint8Array;
  rows: Int32Array;
}

/** A test for `rowsWhere`, made once per check run. */
export function valueTest(test: (v: Value) => boolean): ValueTest {
  return { test, memo: codeMemo(test), marks: new Uint8Array(0), rows: new Int32Array(0) };
}

/**
 * The rows of a batch (in order) where `t` holds for the value of one of `fields`, into `out` (at least
 * the batch's size long); returns how many. A column held as codes (dates) is tested once per distinct
 * value and read as one array a row; others are tested on each row's value. Fields without a column are
 * blank in every row and left out.
 * @example const n = rowsWhere(batch, ["date"], outside, rows); for (let j = 0; j < n; j++) check(batch.row(rows[j]))
 */
export function rowsWhere(batch: RowBatch, fields: readonly string[], t: ValueTest, out: Int32Array): number {
  const size = batch.size;
  if (t.marks.length < size) t.marks = new Uint8Array(size);
  const m = t.marks.fill(0, 0, size);
  let any = false;
  for (const f of fields) {
    const coded = batch.codes?.(f);
    if (coded) {
      const at = t.memo.get(coded);
      const codes = coded.codes;
      for (let i = 0; i < size; i++) if (at(codes[i]!)) m[i] = 1;
      any = true;
      continue;
    }
    const c = batch.values(f);
    if (!c) continue;
    for (let i = 0; i < size; i++) if (t.test(c[i] ?? null)) m[i] = 1;
    any = true;
  }
  if (!any) return 0;
  let n = 0;
  for (let i = 0; i < size; i++) if (m[i] === 1) out[n++] = i;
  return n;
}

/**
 * `each` on the rows of a batch (in order) where `t` holds for the value of one of `fields`, as rows
 * whose `values` hold those fields alone (a check whose `row` reads nothing else gives the same
 * findings, and no whole row is built for one). The `values` object is reused from row to row:
 * `each` must not keep it.
 * @example eachRowWhere(batch, ["date"], outside, run.row)
 */
export function eachRowWhere(batch: RowBatch, fields: readonly string[], t: ValueTest, each: (row: DataRow) => void): void {
  if (t.rows.length < batch.size) t.rows = new Int32Array(batch.size);
  const n = rowsWhere(batch, fields, t, t.rows);
  if (n === 0) return;
  const reader = batchReader(batch, fields);
  for (let j = 0; j < n; j++) {
    const i = t.rows[j]!;
    each({ table: batch.table, row: batch.rows[i]!, values: reader.read(i) });
  }
}
