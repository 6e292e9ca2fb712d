import type { DataRow, RowBatch } from "../../schema/table.js";
import type { Check } from "../context.js";
import { CLAIM_FIELDS } from "../claims.js";
import { PERSONS_FIELDS } from "../kinds.js";
import { findingAt } from "../locate.js";
import { fieldLabel, isNumber } from "../numbers.js";
import { numberColumns } from "../columns.js";

/**
 * `non-integer-count`: a count of persons that is not a whole number — the kind's `persons` fields,
 * and a claims row's achieved figures when its indicator counts persons. On a batch, only rows with a
 * fraction in one of the persons columns go through `row` (every claims row does: which columns count
 * persons depends on the row's indicator).
 */
export const nonIntegerCount: Check = {
  code: "non-integer-count",
  start(ctx) {
    const claimFields = Object.values(CLAIM_FIELDS).filter((f): f is string => f !== undefined);
    const run = {
      batch(batch: RowBatch): void {
        if (batch.table.kind === "spp-target-achievement") {
          for (let i = 0; i < batch.size; i++) run.row(batch.row(i));
          return;
        }
        const cols = numberColumns(batch, PERSONS_FIELDS.get(batch.table.kind) ?? []);
        if (cols.length === 0) return;
        for (let i = 0; i < batch.size; i++) {
          for (let k = 0; k < cols.length; k++) {
            const v = cols[k]![i]!;
            if (v === v && !Number.isInteger(v)) {
              run.row(batch.row(i));
              break;
            }
          }
        }
      },
      row({ table, row, values }: DataRow): void {
        let fields = PERSONS_FIELDS.get(table.kind) ?? [];
        if (table.kind === "spp-target-achievement") {
          const unit = ctx.indicators.get(String(values["code"] ?? "").trim())?.indicator.unit;
          fields = unit === "persons" ? claimFields : [];
        }
        for (const field of fields) {
          const v = values[field];
          if (isNumber(v) && !Number.isInteger(v)) {
            ctx.report(findingAt("non-integer-count", table, row, field, `${fieldLabel(table, field)} is ${v}; a count of persons is a whole number`, { expected: "a whole number", actual: v }));
          }
        }
      },
    };
    return run;
  },
};
