import type { DataRow, RowBatch, Table } from "../../schema/table.js";
import type { Check } from "../context.js";
import { kindOf } from "../kinds.js";
import { findingAt } from "../locate.js";
import { isNumber, sameFigure } from "../numbers.js";
import { perTable } from "../per-table.js";

/**
 * `sex-sum`: a row's total must be female + male + other. A blank part counts as zero (a sheet without
 * an `other` column, or a blank `other` cell, is fine when the rest add up); a row with every part
 * blank gives no split and is not checked. On a batch, a row whose total is blank, or whose parts add
 * up to it exactly, passes from the columns; only the others go through `row` (tolerance, message).
 */
export const sexSum: Check = {
  code: "sex-sum",
  start(ctx) {
    // Per table: the total field and the sex parts it has columns for.
    const layout = perTable((table) => {
      const cols = kindOf(table.kind)?.sexColumns;
      if (!cols) return undefined;
      const parts = (["female", "male", "other"] as const).flatMap((sex) => {
        const field = cols[sex];
        return field && table.columns.some((c) => c.field === field) ? [{ sex, field }] : [];
      });
      return { total: cols.total, parts };
    });
    type Layout = NonNullable<ReturnType<typeof layout>>;
    /** A row's total and its parts (`part(k)` of `l.parts[k]`, undefined: blank): the finding, unless they add up within rounding. */
    const check = (table: Table, row: number, l: Layout, total: number, part: (k: number) => number | undefined): void => {
      const { parts } = l;
      let sum = 0;
      let any = false;
      for (let k = 0; k < parts.length; k++) {
        const v = part(k);
        if (v !== undefined) {
          sum += v;
          any = true;
        }
      }
      if (!any || sameFigure(sum, total)) return;
      // Read now: `part` reads a batch's columns, which are reused once the batch is consumed. The
      // message is made only if the finding is kept (thousands of rows may not add up).
      const values = parts.map((_, k) => part(k));
      const message = (): string => {
        const terms = parts.map((p, k) => `${p.sex} ${values[k] !== undefined ? ctx.formatNumber(values[k]) : "(blank) 0"}`).join(" + ");
        return `total ${ctx.formatNumber(total)}, but ${terms} = ${ctx.formatNumber(sum)}`;
      };
      ctx.report(findingAt("sex-sum", table, row, l.total, message, { expected: sum, actual: total }));
    };
    let scratch = new Int32Array(0);
    const run = {
      batch(batch: RowBatch): void {
        const l = layout(batch.table);
        if (!l) return;
        const total = batch.numbers(l.total);
        if (!total) return;
        const cols = l.parts.map((p) => batch.numbers(p.field));
        // A part without a number column (never in a batch of this table's shape) is read from the rows.
        if (cols.some((c) => c === undefined)) {
          for (let i = 0; i < batch.size; i++) run.row(batch.row(i));
          return;
        }
        const parts = cols as Float64Array[];
        const candidates = unequalRows(total, parts, batch.size, (scratch = scratch.length >= batch.size ? scratch : new Int32Array(batch.size)));
        for (let j = 0; j < candidates; j++) {
          const i = scratch[j]!;
          const t = total[i]!;
          // Row i's parts as row() reads them: undefined when blank (NaN) or not finite.
          if (Number.isFinite(t)) check(batch.table, batch.rows[i]!, l, t, (k) => finite(parts[k]![i]!));
        }
      },
      row({ table, row, values }: DataRow): void {
        const l = layout(table);
        if (!l) return;
        const total = values[l.total];
        if (!isNumber(total)) return;
        check(table, row, l, total, (k) => {
          const v = values[l.parts[k]!.field];
          return isNumber(v) ? v : undefined;
        });
      },
    };
    return run;
  },
};

const finite = (v: number): number | undefined => (Number.isFinite(v) ? v : undefined);

/**
 * The rows whose total is not blank and whose parts (blank ones left out, in order, as `row` adds
 * them) do not add up to it exactly, into `out`; returns how many. A module function over the
 * columns, so it is compiled on its own (inside the check's closure its doubles were boxed: ~14 MB
 * of garbage a million rows).
 */
function unequalRows(total: Float64Array, parts: readonly Float64Array[], size: number, out: Int32Array): number {
  let n = 0;
  for (let i = 0; i < size; i++) {
    const t = total[i]!;
    if (t !== t) continue;
    let sum = 0;
    let any = false;
    for (let k = 0; k < parts.length; k++) {
      const v = parts[k]![i]!;
      if (v === v) {
        sum += v;
        any = true;
      }
    }
    if (any && sum !== t) out[n++] = i;
  }
  return n;
}
