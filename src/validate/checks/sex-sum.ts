import type { Check } from "../context.js";
import { kindOf } from "../kinds.js";
import { findingAt } from "../locate.js";
import { isNumber, sameFigure } from "../numbers.js";
import { perTable } from "../per-table.js";

/**
 * `sex-sum`: a row's total must be female + male + other. A blank part counts as zero (a sheet without
 * an `other` column, or a blank `other` cell, is fine when the rest add up); a row with every part
 * blank gives no split and is not checked.
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
    return {
      row({ table, row, values }) {
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
  },
};
