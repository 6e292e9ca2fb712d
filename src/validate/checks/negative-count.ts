import type { Check } from "../context.js";
import { NUMERIC_FIELDS } from "../kinds.js";
import { findingAt } from "../locate.js";
import { fieldLabel, isNumber } from "../numbers.js";

/** `negative-count`: a count of people, events or money (any integer or number field) below zero. */
export const negativeCount: Check = {
  code: "negative-count",
  start(ctx) {
    return {
      row({ table, row, values }) {
        for (const field of NUMERIC_FIELDS.get(table.kind) ?? []) {
          const v = values[field];
          if (isNumber(v) && v < 0) {
            ctx.report(findingAt("negative-count", table, row, field, `${fieldLabel(table, field)} is ${ctx.formatNumber(v)}; a count cannot be below zero`, { expected: ">= 0", actual: v }));
          }
        }
      },
    };
  },
};
