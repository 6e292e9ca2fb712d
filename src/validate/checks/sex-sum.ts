import type { Check } from "../context.js";
import { kindOf } from "../kinds.js";
import { findingAt } from "../locate.js";
import { isNumber, sameFigure } from "../numbers.js";

/**
 * `sex-sum`: a row's total must be female + male + other. A blank part counts as zero (a sheet without
 * an `other` column, or a blank `other` cell, is fine when the rest add up); a row with every part
 * blank gives no split and is not checked.
 */
export const sexSum: Check = {
  code: "sex-sum",
  start(ctx) {
    return {
      row({ table, row, values }) {
        const cols = kindOf(table.kind)?.sexColumns;
        if (!cols) return;
        const total = values[cols.total];
        if (!isNumber(total)) return;
        const parts = (["female", "male", "other"] as const).flatMap((sex) => {
          const field = cols[sex];
          return field && table.columns.some((c) => c.field === field) ? [{ sex, value: values[field] }] : [];
        });
        if (!parts.some((p) => isNumber(p.value))) return;
        const sum = parts.reduce((acc, p) => acc + (isNumber(p.value) ? p.value : 0), 0);
        if (sameFigure(sum, total)) return;
        const terms = parts.map((p) => `${p.sex} ${isNumber(p.value) ? ctx.formatNumber(p.value) : "(blank) 0"}`).join(" + ");
        ctx.report(findingAt("sex-sum", table, row, cols.total, `total ${ctx.formatNumber(total)}, but ${terms} = ${ctx.formatNumber(sum)}`, { expected: sum, actual: total }));
      },
    };
  },
};
