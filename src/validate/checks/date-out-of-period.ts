import type { DataRow, RowBatch } from "../../schema/table.js";
import { eachRowWhere, valueTest } from "../columns.js";
import type { Check } from "../context.js";
import { DATE_FIELDS, isoDate } from "../kinds.js";
import { findingAt } from "../locate.js";
import { fieldLabel } from "../numbers.js";

/**
 * `date-out-of-period`: a date before the project phase starts or after it ends. A date after the run's
 * date is reported once, as `date-in-future`, not here as well. On a batch, only rows with a date
 * column outside the phase go through `row`, with their date fields alone.
 */
export const dateOutOfPeriod: Check = {
  code: "date-out-of-period",
  start(ctx) {
    const { start, end } = ctx.project.project.phase;
    // Inside the phase (as text) cannot give a finding; anything else `row` decides.
    const outside = valueTest((d) => typeof d === "string" && (d < start || d > end));
    const run = {
      batch(batch: RowBatch): void {
        eachRowWhere(batch, DATE_FIELDS.get(batch.table.kind) ?? [], outside, run.row);
      },
      row({ table, row, values }: DataRow): void {
        for (const field of DATE_FIELDS.get(table.kind) ?? []) {
          const d = isoDate(values[field]);
          if (!d || d > ctx.now) continue;
          // The message is made only if the finding is kept (a whole year's dates may be out).
          if (d < start) ctx.report(findingAt("date-out-of-period", table, row, field, () => `${fieldLabel(table, field)} ${d} is before the phase start ${start}`, { expected: `${start}..${end}`, actual: d }));
          else if (d > end) ctx.report(findingAt("date-out-of-period", table, row, field, () => `${fieldLabel(table, field)} ${d} is after the phase end ${end}`, { expected: `${start}..${end}`, actual: d }));
        }
      },
    };
    return run;
  },
};
