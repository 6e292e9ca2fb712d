import type { DataRow, RowBatch } from "../../schema/table.js";
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
    const run = {
      batch(batch: RowBatch): void {
        const l = layout(batch.table);
        if (!l) return;
        const total = batch.numbers(l.total);
        if (!total) return;
        const parts = l.parts.map((p) => batch.numbers(p.field)).filter((c): c is Float64Array => c !== undefined);
        for (let i = 0; i < batch.size; i++) {
          const t = total[i]!;
          if (t !== t) continue;
          // The sum as row() makes it (blank parts left out, in the same order): equal means no finding.
          let sum = 0;
          let any = false;
          for (const c of parts) {
            const v = c[i]!;
            if (v === v) {
              sum += v;
              any = true;
            }
          }
          if (!any || sum === t) continue;
          run.row(batch.row(i));
        }
      },
      row({ table, row, values }: DataRow): void {
        const l = layout(table);
        if (!l) return;
        const total = values[l.total];
        if (!isNumber(total)) return;
        let sum = 0;
        let any = false;
        for (const p of l.parts) {
          const v = values[p.field];
          if (isNumber(v)) {
            sum += v;
            any = true;
          }
        }
        if (!any || sameFigure(sum, total)) return;
        const terms = l.parts.map((p) => `${p.sex} ${isNumber(values[p.field]) ? ctx.formatNumber(values[p.field] as number) : "(blank) 0"}`).join(" + ");
        ctx.report(findingAt("sex-sum", table, row, l.total, `total ${ctx.formatNumber(total)}, but ${terms} = ${ctx.formatNumber(sum)}`, { expected: sum, actual: total }));
      },
    };
    return run;
  },
};
