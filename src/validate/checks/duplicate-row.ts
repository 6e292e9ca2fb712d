import type { Check } from "../context.js";
import { kindOf } from "../kinds.js";
import { findingAt, placeOf } from "../locate.js";
import { fieldLabel } from "../numbers.js";
import { HashLocations } from "../number-map.js";
import { perTable } from "../per-table.js";
import { createPlaces, KeyHasher } from "../places.js";

/**
 * `duplicate-row`: the same record twice, by the kind's `rowKey`, within one partner's files of a kind
 * (so a row copied into a second file of the same partner is found). A register, whose key is the
 * person id alone, is left to `duplicate-person`. Keeps an 85-bit hash of the key and a packed location per row (see `KeyHasher`).
 */
export const duplicateRow: Check = {
  code: "duplicate-row",
  start(ctx) {
    const seen = new HashLocations();
    const hash = new KeyHasher();
    const places = createPlaces();
    const keyOf = perTable((table) => {
      const kind = kindOf(table.kind);
      const key = kind?.rowKey;
      return !key || (key.length === 1 && key[0] === kind.personId) ? undefined : key;
    });
    return {
      row({ table, row, values }) {
        const key = keyOf(table);
        if (!key) return;
        const hasher = hash.reset().text(table.kind).sep().text(table.partner);
        let filled = false;
        for (const f of key) {
          const v = values[f];
          hasher.sep();
          if (v === null || v === undefined || v === "") continue;
          filled = true;
          if (typeof v === "number") hasher.number(v);
          else hasher.text(String(v));
        }
        if (!filled) return;
        const h = hasher.digest();
        const first = seen.getOrSet(h, places.pack(table, row), hasher.check());
        if (first === undefined) return;
        const prev = places.unpack(first);
        const where = prev.table.file === table.file ? placeOf({ sheet: prev.table.sheet, row: prev.row }) : `${placeOf({ sheet: prev.table.sheet, row: prev.row })} in ${prev.table.file}`;
        const same = key.map((f) => fieldLabel(table, f)).join(", ");
        ctx.report(findingAt("duplicate-row", table, row, undefined, `row ${row} repeats ${where} (same ${same})`, { expected: "a record once", actual: `also ${where}` }));
      },
    };
  },
};
