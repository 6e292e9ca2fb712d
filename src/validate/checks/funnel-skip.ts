import type { Value } from "../../schema/kind.js";
import { batchReader, type DataRow, type RowBatch, type Table } from "../../schema/table.js";
import type { Check } from "../context.js";
import { findingAt } from "../locate.js";
import { createPlaces } from "../places.js";
import { compileSelection, type Selection } from "../select.js";

/**
 * `funnel-skip` (warning): in person-level data, a person at a funnel stage without the stages before
 * it (placed without graduating, TNA without ready-to-go). A stage is person-level when its indicator
 * counts persons (`count-persons`); a person reaches it when one of their rows is selected by the
 * indicator's `compute` with its date filled. Only persons who reached the first person-level stage
 * are checked (an id in no register is `unknown-reference`). One finding per person, at the first stage
 * reached with an earlier one missing. Memory: a bit mask and a location per stage per person. A batch
 * is selected from its columns (`Selection.matchBatch`) and its rows then taken in order.
 */
export const funnelSkip: Check = {
  code: "funnel-skip",
  start(ctx) {
    const stages: Selection[] = [];
    for (const code of ctx.project.funnel) {
      const ind = ctx.indicators.get(code)?.indicator;
      const sel = ind ? compileSelection(ind) : undefined;
      if (sel?.personField) stages.push(sel);
    }
    const people = new Map<string, { mask: number; at: number[] }>();
    const places = createPlaces();
    const reach = (stage: number, raw: Value | undefined, table: Table, row: number): void => {
      if (raw === null || raw === undefined || raw === "") return;
      const id = String(raw).trim();
      let p = people.get(id);
      if (!p) people.set(id, (p = { mask: 0, at: [] }));
      if (!(p.mask & (1 << stage))) {
        p.mask |= 1 << stage;
        p.at[stage] = places.pack(table, row);
      }
    };
    return {
      row(r: DataRow): void {
        for (let i = 0; i < stages.length; i++) {
          const s = stages[i]!;
          if (s.matches(r)) reach(i, r.values[s.personField!], r.table, r.row);
        }
      },
      batch(b: RowBatch): void {
        // Each stage's selection from the columns, then the rows in order, as row by row.
        const picked = stages.map((s) => (s.kinds.has(b.table.kind) ? s.matchBatch(b, new Uint8Array(b.size)) : undefined));
        if (picked.every((p) => p === undefined)) return;
        const ids = stages.map((s, i) => (picked[i] ? batchReader(b, [s.personField!]) : undefined));
        for (let r = 0; r < b.size; r++) {
          for (let i = 0; i < stages.length; i++) {
            if (picked[i]?.[r]) reach(i, ids[i]!.read(r)[stages[i]!.personField!], b.table, b.rows[r]!);
          }
        }
      },
      finish() {
        if (stages.length < 2) return;
        for (const [id, p] of people) {
          if (!(p.mask & 1)) continue;
          for (let i = 1; i < stages.length; i++) {
            if (!(p.mask & (1 << i))) continue;
            const missing = stages.slice(0, i).filter((_, j) => !(p.mask & (1 << j)));
            if (missing.length === 0) continue;
            const { table, row } = places.unpack(p.at[i]!);
            const msg = `${id} reached ${stages[i]!.code} without ${missing.map((s) => s.code).join(", ")}`;
            ctx.report(findingAt("funnel-skip", table, row, stages[i]!.dateField, msg, { expected: missing.map((s) => s.code).join(", "), actual: stages[i]!.code, indicator: stages[i]!.code }));
            break;
          }
        }
      },
    };
  },
};
