import type { Table } from "../../schema/table.js";
import type { Check } from "../context.js";
import { NUMERIC_FIELDS } from "../kinds.js";
import { findingAt } from "../locate.js";
import { fieldLabel, isNumber, sameFigure } from "../numbers.js";

interface Block {
  sums: Map<string, number>;
  first?: number;
  last?: number;
}

const newBlock = (): Block => ({ sums: new Map() });

/**
 * `total-row-mismatch`: a sheet's own totals row against the sum of the data rows above it, per numeric
 * column; a subtotal against the rows since the previous subtotal or total. Keeps two running sums per
 * numeric column of the table being read.
 */
export const totalRowMismatch: Check = {
  code: "total-row-mismatch",
  start(ctx) {
    let current: Table | undefined;
    let whole = newBlock();
    let block = newBlock();
    const addTo = (b: Block, field: string, v: number) => b.sums.set(field, (b.sums.get(field) ?? 0) + v);
    const extend = (b: Block, row: number) => {
      b.first ??= row;
      b.last = row;
    };
    const use = (t: Table) => {
      if (t !== current) {
        current = t;
        whole = newBlock();
        block = newBlock();
      }
    };
    return {
      table: use,
      row({ table, row, values }) {
        use(table);
        extend(whole, row);
        extend(block, row);
        for (const field of NUMERIC_FIELDS.get(table.kind) ?? []) {
          const v = values[field];
          if (isNumber(v)) {
            addTo(whole, field, v);
            addTo(block, field, v);
          }
        }
      },
      total({ table, row, values, subtotal, label }) {
        use(table);
        const against = subtotal ? block : whole;
        const range = against.first === undefined ? "none" : against.first === against.last ? `row ${against.first}` : `rows ${against.first}-${against.last}`;
        for (const field of NUMERIC_FIELDS.get(table.kind) ?? []) {
          const said = values[field];
          if (!isNumber(said)) continue;
          const sum = against.sums.get(field) ?? 0;
          if (sameFigure(said, sum)) continue;
          const what = subtotal ? "subtotal" : "total";
          const msg = `the ${what} row${label ? ` "${label}"` : ""} says ${ctx.formatNumber(said)} for ${fieldLabel(table, field)}, but the rows it covers (${range}) add up to ${ctx.formatNumber(sum)}`;
          ctx.report(findingAt("total-row-mismatch", table, row, field, msg, { expected: sum, actual: said }));
        }
        block = newBlock();
        if (!subtotal) whole = newBlock();
      },
    };
  },
};
