import type { Check } from "../context.js";
import { DATE_FIELDS, isoDate } from "../kinds.js";
import { findingAt } from "../locate.js";
import { fieldLabel } from "../numbers.js";

/** `date-in-future`: a date later than the run's date (`now`, injected). */
export const dateInFuture: Check = {
  code: "date-in-future",
  start(ctx) {
    return {
      row({ table, row, values }) {
        for (const field of DATE_FIELDS.get(table.kind) ?? []) {
          const d = isoDate(values[field]);
          if (d && d > ctx.now) {
            ctx.report(findingAt("date-in-future", table, row, field, `${fieldLabel(table, field)} ${d} is after today (${ctx.now})`, { expected: `<= ${ctx.now}`, actual: d }));
          }
        }
      },
    };
  },
};
