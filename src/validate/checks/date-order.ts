import type { DataRow, RowBatch } from "../../schema/table.js";
import type { Check } from "../context.js";
import { isoDate } from "../kinds.js";
import { findingAt } from "../locate.js";
import { fieldLabel } from "../numbers.js";

/**
 * The steps of a record that happen in order: `[earlier, later]` field pairs per source kind. A pair is
 * checked only when both dates are filled. Services a survivor may receive before enrolment (health,
 * legal aid) are deliberately not ordered.
 */
export const DATE_ORDER: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  "tsp-batch-status": [
    ["start_date", "end_date"],
    ["start_date", "placement_date"],
    ["end_date", "placement_date"],
  ],
  "survivor-register": [
    ["enrolment_date", "dropout_date"],
    ["enrolment_date", "counselling_date"],
    ["enrolment_date", "ready_to_go_date"],
    ["counselling_date", "ready_to_go_date"],
    ["enrolment_date", "tna_date"],
    ["ready_to_go_date", "tna_date"],
  ],
};

/**
 * `date-order`: a later step dated before an earlier one (training end before start, placement before
 * completion, drop-out or ready-to-go before enrolment). One finding per row, for the first pair out of
 * order, at the later step's cell. On a batch, only rows with a pair of date columns out of order (as
 * text) go through `row`.
 */
export const dateOrder: Check = {
  code: "date-order",
  start(ctx) {
    const run = {
      batch(batch: RowBatch): void {
        const pairs = (DATE_ORDER[batch.table.kind] ?? []).flatMap(([earlier, later]) => {
          const a = batch.values(earlier);
          const b = batch.values(later);
          return a && b ? [[a, b] as const] : [];
        });
        if (pairs.length === 0) return;
        for (let i = 0; i < batch.size; i++) {
          for (const [a, b] of pairs) {
            const x = a[i];
            const y = b[i];
            if (typeof x === "string" && typeof y === "string" && y < x) {
              run.row(batch.row(i));
              break;
            }
          }
        }
      },
      row({ table, row, values }: DataRow): void {
        for (const [earlier, later] of DATE_ORDER[table.kind] ?? []) {
          const a = isoDate(values[earlier]);
          const b = isoDate(values[later]);
          if (a && b && b < a) {
            const msg = `${fieldLabel(table, later)} ${b} is before ${fieldLabel(table, earlier)} ${a}`;
            ctx.report(findingAt("date-order", table, row, later, msg, { expected: `>= ${a}`, actual: b }));
            return;
          }
        }
      },
    };
    return run;
  },
};
