import type { Check } from "../context.js";
import { kindOf } from "../kinds.js";
import { findingAt, placeOf } from "../locate.js";
import { fieldLabel } from "../numbers.js";
import { createPlaces, hash53 } from "../places.js";

/**
 * `duplicate-row`: the same record twice, by the kind's `rowKey`, within one partner's files of a kind
 * (so a row copied into a second file of the same partner is found). A register, whose key is the
 * person id alone, is left to `duplicate-person`. Keeps a 53-bit hash and a packed location per row.
 */
export const duplicateRow: Check = {
  code: "duplicate-row",
  start(ctx) {
    const seen = new Map<number, number>();
    const places = createPlaces();
    return {
      row({ table, row, values }) {
        const kind = kindOf(table.kind);
        const key = kind?.rowKey;
        if (!key || (key.length === 1 && key[0] === kind.personId)) return;
        const parts = key.map((f) => values[f] ?? null);
        if (parts.every((v) => v === null || v === "")) return;
        const h = hash53(`${table.kind}\u0001${table.partner}\u0001${parts.map((v) => (v === null ? "" : typeof v === "string" ? v.trim().toLowerCase() : String(v))).join("\u0001")}`);
        const first = seen.get(h);
        if (first === undefined) {
          seen.set(h, places.pack(table, row));
          return;
        }
        const prev = places.unpack(first);
        const where = prev.table.file === table.file ? placeOf({ sheet: prev.table.sheet, row: prev.row }) : `${placeOf({ sheet: prev.table.sheet, row: prev.row })} in ${prev.table.file}`;
        const same = key.map((f) => fieldLabel(table, f)).join(", ");
        ctx.report(findingAt("duplicate-row", table, row, undefined, `row ${row} repeats ${where} (same ${same})`, { expected: "a record once", actual: `also ${where}` }));
      },
    };
  },
};
