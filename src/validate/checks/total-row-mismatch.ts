import type { DataRow, RowBatch } from "../../schema/table.js";
import type { Check } from "../context.js";
import { NUMERIC_FIELDS } from "../kinds.js";
import { findingAt } from "../locate.js";
import { fieldLabel, isNumber, sameFigure } from "../numbers.js";
import { perTable } from "../per-table.js";

/** Running sums of a table's numeric columns over a block of rows. */
interface Block {
  sums: Float64Array;
  first: number;
  last: number;
}

const newBlock = (n: number): Block => ({ sums: new Float64Array(n), first: 0, last: 0 });

/**
 * `total-row-mismatch`: a sheet's own totals row against the sum of the data rows above it, per numeric
 * column; a subtotal against the rows since the previous subtotal or total. Keeps two running sums per
 * numeric column of each table, added from a batch's columns in row order.
 */
export const totalRowMismatch: Check = {
  code: "total-row-mismatch",
  start(ctx) {
    // Per table: its numeric columns, the sums since the last total, and since the last subtotal.
    const stateOf = perTable((table) => {
      const fields = (NUMERIC_FIELDS.get(table.kind) ?? []).filter((f) => table.columns.some((c) => c.field === f));
      return { fields, whole: newBlock(fields.length), block: newBlock(fields.length) };
    });
    const extend = (b: Block, row: number) => {
      if (b.first === 0) b.first = row;
      b.last = row;
    };
    return {
      row({ table, row, values }: DataRow): void {
        const st = stateOf(table);
        if (st.fields.length === 0) return;
        extend(st.whole, row);
        extend(st.block, row);
        for (let i = 0; i < st.fields.length; i++) {
          const v = values[st.fields[i]!];
          if (isNumber(v)) {
            st.whole.sums[i]! += v;
            st.block.sums[i]! += v;
          }
        }
      },
      batch(batch: RowBatch): void {
        const st = stateOf(batch.table);
        if (st.fields.length === 0 || batch.size === 0) return;
        extend(st.whole, batch.rows[0]!);
        extend(st.block, batch.rows[0]!);
        extend(st.whole, batch.rows[batch.size - 1]!);
        extend(st.block, batch.rows[batch.size - 1]!);
        for (let k = 0; k < st.fields.length; k++) {
          const col = batch.numbers(st.fields[k]!);
          if (!col) continue;
          // Each column's sums are added in row order, as row by row, so they are the same to the bit.
          let whole = st.whole.sums[k]!;
          let block = st.block.sums[k]!;
          for (let i = 0; i < batch.size; i++) {
            const v = col[i]!;
            if (v - v === 0) {
              whole += v;
              block += v;
            }
          }
          st.whole.sums[k] = whole;
          st.block.sums[k] = block;
        }
      },
      total({ table, row, values, subtotal, label }) {
        const st = stateOf(table);
        const against = subtotal ? st.block : st.whole;
        const range = against.first === 0 ? "none" : against.first === against.last ? `row ${against.first}` : `rows ${against.first}-${against.last}`;
        st.fields.forEach((field, i) => {
          const said = values[field];
          if (!isNumber(said)) return;
          const sum = against.sums[i]!;
          if (sameFigure(said, sum)) return;
          const what = subtotal ? "subtotal" : "total";
          const msg = `the ${what} row${label ? ` "${label}"` : ""} says ${ctx.formatNumber(said)} for ${fieldLabel(table, field)}, but the rows it covers (${range}) add up to ${ctx.formatNumber(sum)}`;
          ctx.report(findingAt("total-row-mismatch", table, row, field, msg, { expected: sum, actual: said }));
        });
        st.block = newBlock(st.fields.length);
        if (!subtotal) st.whole = newBlock(st.fields.length);
      },
    };
  },
};
