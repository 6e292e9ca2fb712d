import type { DataRow, RowBatch } from "../../schema/table.js";
import { eachRowWhere, valueTest } from "../columns.js";
import type { Check } from "../context.js";
import { DATE_FIELDS, isoDate } from "../kinds.js";
import { findingAt } from "../locate.js";
import { fieldLabel } from "../numbers.js";

/** `date-in-future`: a date later than the run's date (`now`, injected). On a batch, only rows with a date column after `now` go through `row`, with their date fields alone. */
export const dateInFuture: Check = {
  code: "date-in-future",
  start(ctx) {
    // A non-ISO text may compare after `now` too; `row` then says whether it is a date.
    const later = valueTest((d) => typeof d === "string" && d > ctx.now);
    const run = {
      batch(batch: RowBatch): void {
        eachRowWhere(batch, DATE_FIELDS.get(batch.table.kind) ?? [], later, run.row);
      },
      row({ table, row, values }: DataRow): void {
        for (const field of DATE_FIELDS.get(table.kind) ?? []) {
          const d = isoDate(values[field]);
          if (d && d > ctx.now) {
            ctx.report(findingAt("date-in-future", table, row, field, `${fieldLabel(table, field)} ${d} is after today (${ctx.now})`, { expected: `<= ${ctx.now}`, actual: d }));
          }
        }
      },
    };
    return run;
  },
};
