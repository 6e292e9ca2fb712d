import { SOURCE_KINDS } from "../../schema/kinds/index.js";
import type { Value } from "../../schema/kind.js";
import { codeMemo, type DataRow, type RowBatch } from "../../schema/table.js";
import type { Check } from "../context.js";
import { findingAt } from "../locate.js";
import { isNumber } from "../numbers.js";
import { createPlaces } from "../places.js";
import { median, NumberList, robustScale } from "../robust.js";

/** Fewer events of a type than this and its distribution says nothing. */
export const MIN_EVENTS = 5;

/**
 * `outlier` (warning): an event's total attendance far outside the distribution of its event type: a
 * robust z-score (distance from the median over 1.4826 × MAD) beyond `checks.outlier_z`, given at
 * least five events of the type. Keeps two numbers per event (total, location: 8 bytes in all while
 * the totals are whole, see `NumberList`), pushed straight from a batch's total and event-type columns.
 */
export const outlier: Check = {
  code: "outlier",
  start(ctx) {
    const totalField = SOURCE_KINDS["event-attendance"].sexColumns.total;
    type EventType = { label: string; totals: NumberList; at: NumberList };
    const types = new Map<string, EventType>();
    // Event types as written (a handful of spellings), so the per-row work is one map lookup.
    const byText = new Map<string, EventType>();
    const places = createPlaces();
    const limit = ctx.project.checks.outlier_z;
    const typeOf = (type: Value | undefined): EventType | undefined => {
      if (type === null || type === undefined || type === "") return undefined;
      const text = String(type);
      let t = byText.get(text);
      if (!t) {
        const label = text.trim().replace(/\s+/g, " ");
        const key = label.toLowerCase();
        t = types.get(key);
        if (!t) types.set(key, (t = { label, totals: new NumberList(), at: new NumberList() }));
        byText.set(text, t);
      }
      return t;
    };
    const typeByCode = codeMemo(typeOf);
    return {
      row({ table, row, values }: DataRow): void {
        if (table.kind !== "event-attendance") return;
        const total = values[totalField];
        if (!isNumber(total)) return;
        const t = typeOf(values["event_type"]);
        if (!t) return;
        t.totals.push(total);
        t.at.push(places.pack(table, row));
      },
      batch(batch: RowBatch): void {
        const table = batch.table;
        if (table.kind !== "event-attendance") return;
        const totals = batch.numbers(totalField);
        const coded = batch.codes?.("event_type");
        const typesCol = coded ? undefined : batch.values("event_type");
        if (!totals || !(coded || typesCol)) return;
        const typeAt = coded ? typeByCode.get(coded) : undefined;
        for (let i = 0; i < batch.size; i++) {
          const total = totals[i]!;
          // Finite, as isNumber: NaN (blank) and infinities give no event.
          if (total - total !== 0) continue;
          const t = typeAt ? typeAt(coded!.codes[i]!) : typeOf(typesCol![i]);
          if (!t) continue;
          t.totals.push(total);
          t.at.push(places.pack(table, batch.rows[i]!));
        }
      },
      finish() {
        // Two arrays for every type in turn (the totals in order, and room to reorder them): fresh memory is slow to touch.
        const longest = Math.max(0, ...[...types.values()].map((t) => t.totals.length));
        const ordered = new Float64Array(longest);
        const scratch = new Float64Array(longest);
        for (const { label, totals, at } of types.values()) {
          if (totals.length < MIN_EVENTS) continue;
          const values = totals.values(ordered);
          const med = median(values, scratch);
          const scale = robustScale(values, med, scratch);
          if (!(scale > 0)) continue;
          for (let i = 0; i < values.length; i++) {
            const x = values[i]!;
            const z = (x - med) / scale;
            if (Math.abs(z) <= limit) continue;
            const { table, row } = places.unpack(at.at(i));
            const msg = `${ctx.formatNumber(x)} at a ${label}, where the median of ${values.length} such events is ${ctx.formatNumber(med)}`;
            ctx.report(findingAt("outlier", table, row, totalField, msg, { expected: `about ${ctx.formatNumber(med)}`, actual: x, note: `robust z-score ${z.toFixed(1)}, beyond ${limit}` }));
          }
        }
      },
    };
  },
};
