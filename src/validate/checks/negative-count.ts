import type { DataRow, RowBatch } from "../../schema/table.js";
import type { Check } from "../context.js";
import { NUMERIC_FIELDS } from "../kinds.js";
import { findingAt } from "../locate.js";
import { fieldLabel, isNumber } from "../numbers.js";
import { numberColumns } from "../columns.js";

/**
 * `negative-count`: a count of people, events or money (any integer or number field) below zero. On a
 * batch, only rows with a value below zero in one of those columns go through `row`.
 */
export const negativeCount: Check = {
  code: "negative-count",
  start(ctx) {
    const run = {
      batch(batch: RowBatch): void {
        const cols = numberColumns(batch, NUMERIC_FIELDS.get(batch.table.kind) ?? []);
        if (cols.length === 0) return;
        for (let i = 0; i < batch.size; i++) {
          for (let k = 0; k < cols.length; k++) {
            if (cols[k]![i]! < 0) {
              run.row(batch.row(i));
              break;
            }
          }
        }
      },
      row({ table, row, values }: DataRow): void {
        for (const field of NUMERIC_FIELDS.get(table.kind) ?? []) {
          const v = values[field];
          if (isNumber(v) && v < 0) {
            ctx.report(findingAt("negative-count", table, row, field, `${fieldLabel(table, field)} is ${ctx.formatNumber(v)}; a count cannot be below zero`, { expected: ">= 0", actual: v }));
          }
        }
      },
    };
    return run;
  },
};
