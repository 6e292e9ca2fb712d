import type { Check } from "../context.js";
import { CLAIM_FIELDS } from "../claims.js";
import { PERSONS_FIELDS } from "../kinds.js";
import { findingAt } from "../locate.js";
import { fieldLabel, isNumber } from "../numbers.js";

/**
 * `non-integer-count`: a count of persons that is not a whole number — the kind's `persons` fields,
 * and a claims row's achieved figures when its indicator counts persons.
 */
export const nonIntegerCount: Check = {
  code: "non-integer-count",
  start(ctx) {
    const claimFields = Object.values(CLAIM_FIELDS).filter((f): f is string => f !== undefined);
    return {
      row({ table, row, values }) {
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
  },
};
